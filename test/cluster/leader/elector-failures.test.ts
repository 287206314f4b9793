/** Leader election under API failures (500, 409, a cut-off replica), listener errors, and option validation. */
import { type LeaderElectionOptions, leaderElection } from '../../../src/cluster/leader/index.js';
import { FAST, LEASES, NAME, NS, useLeaderFixture } from './fixture.js';
import { sleep, waitFor } from './support.js';

const f = useLeaderFixture();
const problemsOf = (sink: unknown[]): (number | undefined)[] => sink.map((e) => (typeof e === 'object' && e !== null && 'code' in e ? (e.code as number) : undefined));

describe('API failures', () => {
  test('500s on read and create are reported and retried', async () => {
    f.server.failNext({ method: 'GET', path: /leases/, status: 500, times: 2 });
    f.server.failNext({ method: 'POST', path: /leases/, status: 500 });
    const problems: unknown[] = [];
    const a = f.candidate('a', { onProblem: (err) => problems.push(err) });
    a.start();
    await waitFor(() => a.isLeader(), 3000, 'a to lead');
    expect(problemsOf(problems)).toEqual([500, 500, 500]);
  });

  test('409 on create (another replica created it first) and on renewal: re-read, no step-down', async () => {
    f.server.failNext({ method: 'POST', path: /leases/, status: 409 });
    const problems: unknown[] = [];
    const a = f.candidate('a', { onProblem: (err) => problems.push(err) });
    const l = f.log({ a });
    a.start();
    await waitFor(() => a.isLeader(), 3000, 'a to lead');
    f.server.failNext({ method: 'PUT', path: /leases/, status: 409, times: 3 });
    await sleep(600);
    expect(a.isLeader()).toBe(true);
    expect(l.changes.map((c) => c.leader)).toEqual([true]);
    // A conflict is the protocol at work, not a problem; the renewals resumed after it.
    expect(problems).toEqual([]);
    expect(f.server.requests.filter((r) => r.method === 'PUT').slice(-1)[0]?.status).toBe(200);
  });

  test('a renewal that loses to another holder steps down at once', async () => {
    const a = f.candidate('a', { leaseDurationSeconds: 5, renewDeadlineSeconds: 3 });
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    // Someone else wrote the Lease (say, after a long pause of a): a's next renewal conflicts and re-reads.
    f.server.put(LEASES, { metadata: { name: NAME, namespace: NS }, spec: { ...f.spec(), holderIdentity: 'other', renewTime: new Date().toISOString().replace('Z', '000Z') } });
    await waitFor(() => !a.isLeader(), 500, 'a to step down');
    expect(f.holder()).toBe('other');
  });

  test.each<['fail' | 'hang']>([['fail'], ['hang']])('renewals that %s past the deadline: the leader steps down before the other takes over', async (mode) => {
    const proxy = await f.proxy();
    const problems: unknown[] = [];
    const a = f.candidate('a', { kubeConfig: proxy.kubeConfig, onProblem: (err) => problems.push(err) });
    const b = f.candidate('b');
    const l = f.log({ a, b });
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    b.start();
    await sleep(300);
    const lastRenewal = Date.parse(f.spec().renewTime ?? '');
    proxy.mode = mode;
    await waitFor(() => b.isLeader(), 3000, 'b to take over');
    const down = l.find('a', false);
    const up = l.find('b', true);
    expect(down).toBeDefined();
    expect(up).toBeDefined();
    // a gave up within its 600 ms deadline (counted from the start of its last good renewal, before renewTime)...
    expect((down?.at ?? 0) - lastRenewal).toBeLessThanOrEqual(600 + 50);
    // ...and b took over a full lease duration after that renewal, so after a stopped.
    expect((up?.at ?? 0) - lastRenewal).toBeGreaterThanOrEqual(900);
    expect(l.intervalsOverlap()).toBe(false);
    expect(l.overlaps).toEqual([]);
    expect(problems.some((p) => p instanceof Error && /stepping down/.test(p.message))).toBe(true);
    // Back on the network, a finds b's Lease live and stays a follower.
    proxy.mode = 'pass';
    await sleep(500);
    expect(l.leaders()).toEqual(['b']);
  });
});

describe('listeners and options', () => {
  test('a throwing listener is contained and reported; unsubscribed listeners are not called', async () => {
    const problems: unknown[] = [];
    const a = f.candidate('a', { onProblem: (err) => problems.push(err) });
    const calls: string[] = [];
    a.onChange(() => {
      throw new Error('listener broke');
    });
    a.onChange((leader) => calls.push(`kept:${leader}`));
    const off = a.onChange((leader) => calls.push(`removed:${leader}`));
    off();
    a.start();
    await waitFor(() => a.isLeader(), 2000, 'a to lead');
    await a.stop();
    expect(calls).toEqual(['kept:true', 'kept:false']);
    expect(problems.filter((p) => p instanceof Error && p.message === 'listener broke')).toHaveLength(2);
  });

  test('the public leaderElection has only the documented methods, and start/stop are idempotent', async () => {
    const e = leaderElection({ kubeConfig: f.kc, namespace: NS, name: NAME, identity: 'solo', ...FAST });
    expect(Object.keys(e).sort()).toEqual(['isLeader', 'onChange', 'start', 'stop']);
    e.start();
    e.start();
    await waitFor(() => e.isLeader(), 2000, 'solo to lead');
    expect(f.server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await e.stop();
    await e.stop();
    expect(f.holder()).toBe('');
    await leaderElection({ kubeConfig: f.kc, namespace: NS, name: NAME, identity: 'never-started', ...FAST }).stop();
  });

  test.each<[string, Partial<LeaderElectionOptions>]>([
    ['fractional lease duration', { leaseDurationSeconds: 1.5 }],
    ['zero lease duration', { leaseDurationSeconds: 0 }],
    ['renew deadline not below the lease', { leaseDurationSeconds: 2, renewDeadlineSeconds: 2 }],
    ['negative renew deadline', { renewDeadlineSeconds: -1 }],
    ['retry period too close to the deadline', { renewDeadlineSeconds: 1, retryPeriodSeconds: 0.9 }],
    ['zero retry period', { retryPeriodSeconds: 0 }],
    ['empty identity', { identity: '' }],
  ])('rejects %s', (_what, extra) => {
    expect(() => leaderElection({ kubeConfig: f.kc, namespace: NS, name: NAME, identity: 'x', ...extra })).toThrow(RangeError);
  });

  test('defaults are client-go\'s: 15 s lease written to the Lease', async () => {
    const e = leaderElection({ kubeConfig: f.kc, namespace: NS, name: NAME, identity: 'defaults' });
    e.start();
    await waitFor(() => e.isLeader(), 2000, 'defaults to lead');
    expect(f.spec().leaseDurationSeconds).toBe(15);
    await e.stop();
  });
});
