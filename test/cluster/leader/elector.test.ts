/** Leader election on a Lease through @kubernetes/client-node against the fake API server: acquiring, renewing, handing over. */
import { LEASES, LEASE_PATH, MICRO_TIME, NAME, NS, useLeaderFixture } from './fixture.js';
import { sleep, waitFor } from './support.js';

const f = useLeaderFixture();

describe('single candidate', () => {
  test('creates the Lease, becomes leader, and renews it every retry period', async () => {
    const a = f.candidate('a');
    const l = f.log({ a });
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    const first = f.spec();
    expect(first).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(first.acquireTime).toMatch(MICRO_TIME);
    expect(first.renewTime).toBe(first.acquireTime);
    // Renewals are updates with the resourceVersion as precondition, several within the lease duration.
    const renewals = () => f.server.requests.filter((r) => r.method === 'PUT' && r.path === LEASE_PATH);
    await waitFor(() => renewals().length >= 3, 1000, 'three renewals');
    const later = f.spec();
    expect(later.acquireTime).toBe(first.acquireTime);
    expect(Date.parse(later.renewTime ?? '')).toBeGreaterThan(Date.parse(first.renewTime ?? ''));
    const puts = renewals();
    for (const p of puts) expect((p.body as { metadata: { resourceVersion?: string } }).metadata.resourceVersion).toMatch(/^\d+$/);
    expect(l.changes.map((c) => [c.who, c.leader])).toEqual([['a', true]]);
    expect(a.isLeader()).toBe(true);
  });

  test('acquires an unheld Lease at once and counts the transition', async () => {
    f.server.put(LEASES, { metadata: { name: NAME, namespace: NS }, spec: { holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 4 } });
    const a = f.candidate('a');
    const startedAt = Date.now();
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    expect(Date.now() - startedAt).toBeLessThan(500);
    expect(f.spec()).toMatchObject({ holderIdentity: 'a', leaseTransitions: 5 });
  });

  test('a Lease held by someone else expires by the local clock from when it was seen, not by its renewTime', async () => {
    // renewTime an hour ago: client-go still waits a full lease duration after first seeing the record.
    const old = new Date(Date.now() - 3_600_000).toISOString().replace('Z', '000Z');
    f.server.put(LEASES, { metadata: { name: NAME, namespace: NS }, spec: { holderIdentity: 'ghost', leaseDurationSeconds: 1, acquireTime: old, renewTime: old, leaseTransitions: 2 } });
    const a = f.candidate('a');
    const startedAt = Date.now();
    a.start();
    await waitFor(() => a.isLeader(), 3000, 'a to lead');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    const s = f.spec();
    expect(s).toMatchObject({ holderIdentity: 'a', leaseTransitions: 3 });
    expect(Date.parse(s.acquireTime ?? '')).toBeGreaterThanOrEqual(startedAt);
  });

  test('a Lease deleted under the leader is recreated', async () => {
    const a = f.candidate('a');
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    f.server.delete(LEASES, NAME, NS);
    await waitFor(() => f.holder() === 'a', 2000, 'the Lease to come back');
    expect(a.isLeader()).toBe(true);
  });

  test('stop() releases: holderIdentity emptied, duration 1 s, transitions kept; onChange(false) first', async () => {
    const a = f.candidate('a', { leaseDurationSeconds: 5, renewDeadlineSeconds: 3 });
    const seen: [boolean, string | undefined][] = [];
    a.onChange((leader) => seen.push([leader, f.holder()]));
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    await a.stop();
    expect(a.isLeader()).toBe(false);
    // The listener ran while the Lease still named a: the work stops before anyone else may start it.
    expect(seen).toEqual([[true, 'a'], [false, 'a']]);
    const s = f.spec();
    expect(s).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(s.renewTime).toMatch(MICRO_TIME);
    f.server.clearRequests();
    await sleep(250);
    expect(f.server.requests).toEqual([]);
  });
});

describe('several candidates', () => {
  test('exactly one leader among three, held steadily', async () => {
    const candidates = { a: f.candidate('a'), b: f.candidate('b'), c: f.candidate('c') };
    const l = f.log(candidates);
    Object.values(candidates).forEach((c) => c.start());
    await waitFor(() => l.leaders().length === 1, 2000, 'a leader');
    const [first] = l.leaders();
    expect(f.holder()).toBe(first);
    await sleep(1500);
    expect(l.leaders()).toEqual([first]);
    expect(f.holder()).toBe(first);
    expect(l.changes.map((c) => [c.who, c.leader])).toEqual([[first, true]]);
    expect(f.spec().leaseTransitions).toBe(0);
    expect(l.overlaps).toEqual([]);
  });

  test('a stopped leader hands over at once', async () => {
    const candidates = { a: f.candidate('a'), b: f.candidate('b') };
    const l = f.log(candidates);
    candidates.a.start();
    await waitFor(() => candidates.a.isLeader(), 2000, 'a to lead');
    candidates.b.start();
    await sleep(300);
    expect(l.leaders()).toEqual(['a']);
    const stoppedAt = Date.now();
    await candidates.a.stop();
    await waitFor(() => candidates.b.isLeader(), 1000, 'b to take over');
    // Well within the 1 s lease: the release made the Lease free, no expiry wait.
    expect(Date.now() - stoppedAt).toBeLessThan(600);
    expect(f.spec()).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(l.intervalsOverlap()).toBe(false);
    expect(l.overlaps).toEqual([]);
  });

  test('a leader killed without release is replaced after the lease duration', async () => {
    const candidates = { a: f.candidate('a'), b: f.candidate('b') };
    const l = f.log(candidates);
    candidates.a.start();
    await waitFor(() => candidates.a.isLeader(), 2000, 'a to lead');
    candidates.b.start();
    await sleep(400);
    const killedAt = Date.now();
    candidates.a.halt();
    l.died('a', killedAt);
    await waitFor(() => candidates.b.isLeader(), 3000, 'b to take over');
    const waited = Date.now() - killedAt;
    // b saw a's last renewal at most one retry period (100 ms) before the kill; it then waits a full second.
    expect(waited).toBeGreaterThanOrEqual(850);
    expect(waited).toBeLessThan(1600);
    expect(f.spec()).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(l.intervalsOverlap()).toBe(false);
  });

  test('clock offsets between replicas do not let anyone take a live Lease', async () => {
    const a = f.candidate('a');
    const ahead = f.candidate('ahead', { now: () => Date.now() + 3_600_000 });
    const behind = f.candidate('behind', { now: () => Date.now() - 3_600_000 });
    const l = f.log({ a, ahead, behind });
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    ahead.start();
    behind.start();
    await sleep(1500);
    expect(l.leaders()).toEqual(['a']);
    expect(l.changes.map((c) => c.who)).toEqual(['a']);
    const killedAt = Date.now();
    a.halt();
    l.died('a', killedAt);
    await waitFor(() => l.leaders().length === 1 && l.leaders()[0] !== 'a', 3000, 'a new leader');
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(850);
    expect(l.intervalsOverlap()).toBe(false);
  });
});
