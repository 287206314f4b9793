import type { KubeObject } from '../../../src/api/kube.js';
import type { LoadedPolicy } from '../../../src/api/policy.js';
import { type BackgroundScanner, type BackgroundScannerOptions, backgroundScanner } from '../../../src/report/background/index.js';
import { CONFIGMAPS, FakeCache, PODS, RecordingSink, clusterPolicy, configMap, fixedEnv, pod, policiesFrom, requireLabelRule, sleep } from './helpers.js';

interface Harness {
  scanner: BackgroundScanner;
  cache: FakeCache;
  sink: RecordingSink;
  setPolicies(next: LoadedPolicy[]): void;
  leader: { value: boolean };
}

const scanners: BackgroundScanner[] = [];
afterEach(async () => {
  await Promise.all(scanners.splice(0).map((s) => s.stop()));
});

function harness(policies: LoadedPolicy[], objects: KubeObject[], options: Partial<BackgroundScannerOptions> = {}): Harness {
  const cache = new FakeCache([
    [PODS, objects.filter((o) => o.kind === 'Pod')],
    [CONFIGMAPS, objects.filter((o) => o.kind === 'ConfigMap')],
  ]);
  const sink = new RecordingSink();
  let current = policies;
  const listeners = new Set<() => void>();
  const leader = { value: true };
  const scanner = backgroundScanner({
    cache,
    policies: () => current,
    subscribePolicies: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    sink,
    isLeader: () => leader.value,
    env: fixedEnv,
    debounceMs: 20,
    ...options,
  });
  scanners.push(scanner);
  return {
    scanner,
    cache,
    sink,
    leader,
    setPolicies(next) {
      current = next;
      for (const l of listeners) l();
    },
  };
}

const labelled = pod('good', { app: 'web' });
const bare = pod('bad');

describe('backgroundScanner.scanAll', () => {
  it('evaluates background policies over the cached objects and records one entry set per (resource, policy)', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), [labelled, bare]);
    const summary = await h.scanner.scanAll();
    expect(summary).toMatchObject({ trigger: 'full', completed: true, policies: 1, resources: 2, entries: 2 });
    expect(h.sink.summary()).toEqual(['uid-shop-bad require-app/require-app=fail', 'uid-shop-good require-app/require-app=pass']);
    const entry = h.sink.state.get('uid-shop-bad require-app')?.[0];
    expect(entry).toEqual({
      policy: 'require-app',
      rule: 'require-app',
      result: 'fail',
      message: expect.stringContaining('label app is required'),
      resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'bad', uid: 'uid-shop-bad' },
      process: 'background scan',
      category: 'Tests',
      severity: 'medium',
      scored: true,
      timestamp: { seconds: Date.UTC(2026, 0, 2, 3, 4, 5) / 1000, nanos: 600_000_000 },
    });
  });

  it('skips background: false policies and rules that read the requesting user', async () => {
    const userRule = `  - name: who
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      message: not bob
      deny:
        conditions:
          any:
          - key: "{{ request.userInfo.username }}"
            operator: Equals
            value: bob
`;
    const policies = policiesFrom([clusterPolicy('mixed', requireLabelRule() + userRule), clusterPolicy('off', requireLabelRule('off-rule'), '  background: false\n')].join('---\n'));
    const h = harness(policies, [bare]);
    const summary = await h.scanner.scanAll();
    expect(summary.policies).toBe(1);
    expect(h.sink.summary()).toEqual(['uid-shop-bad mixed/require-app=fail']);
    expect(h.sink.calls.map((c) => c.policy)).toEqual(['mixed']);
  });

  it('evaluates every kind its policies name, and only those', async () => {
    const policies = policiesFrom(clusterPolicy('cm', requireLabelRule('cm-app', ['ConfigMap'])));
    const h = harness(policies, [bare, configMap('settings')]);
    await h.scanner.scanAll();
    expect(h.sink.summary()).toEqual(['uid-cm-shop-settings cm/cm-app=fail']);
  });

  it('shares a full scan that has not started yet', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), [bare], { concurrency: 1 });
    const first = h.scanner.scanAll();
    const second = h.scanner.scanAll();
    const third = h.scanner.scanAll();
    expect(second).toBe(third);
    expect(first).not.toBe(second);
    await Promise.all([first, second]);
    expect(h.sink.calls).toHaveLength(2);
  });
});

describe('backgroundScanner triggers', () => {
  it('runs a first full scan on start, and rescans the kinds of an added or changed policy', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), [labelled, bare, configMap('settings')]);
    h.scanner.start();
    await sleep(5);
    await h.scanner.idle();
    expect(h.sink.summary()).toEqual(['uid-shop-bad require-app/require-app=fail', 'uid-shop-good require-app/require-app=pass']);

    // An added policy on ConfigMaps: only ConfigMaps are listed, only that policy is recorded.
    h.sink.calls.length = 0;
    const lists = h.cache.lists;
    h.setPolicies(policiesFrom([clusterPolicy('require-app', requireLabelRule()), clusterPolicy('cm', requireLabelRule('cm-app', ['ConfigMap']))].join('---\n')));
    await h.scanner.idle();
    expect(h.sink.calls.map((c) => `${c.resourceKey} ${c.policy}`)).toEqual(['uid-cm-shop-settings cm']);
    expect(h.cache.lists - lists).toBe(1);

    // The same set again (new objects, same content): nothing to do.
    h.sink.calls.length = 0;
    h.setPolicies(policiesFrom([clusterPolicy('require-app', requireLabelRule()), clusterPolicy('cm', requireLabelRule('cm-app', ['ConfigMap']))].join('---\n')));
    await h.scanner.idle();
    expect(h.sink.calls).toEqual([]);
  });

  it('clears what a changed policy no longer reports, and forgets a deleted policy', async () => {
    const h = harness(policiesFrom(clusterPolicy('p', requireLabelRule('r', ['Pod']))), [bare, configMap('settings')]);
    h.scanner.start();
    await sleep(5);
    await h.scanner.idle();
    expect(h.sink.summary()).toEqual(['uid-shop-bad p/r=fail']);

    h.setPolicies(policiesFrom(clusterPolicy('p', requireLabelRule('r', ['ConfigMap']))));
    await h.scanner.idle();
    expect(h.sink.summary()).toEqual(['uid-cm-shop-settings p/r=fail']);

    h.setPolicies([]);
    await h.scanner.idle();
    expect(h.sink.forgottenPolicies).toEqual(['p']);
  });

  it('rescans a changed resource once after its changes settle, with its latest version', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), [bare], { debounceMs: 30 });
    h.scanner.start();
    await sleep(5);
    await h.scanner.idle();
    h.sink.calls.length = 0;

    h.cache.emit('MODIFIED', PODS, pod('bad', { app: 'x' }));
    await sleep(10);
    h.cache.emit('MODIFIED', PODS, pod('bad', { other: 'y' }));
    await sleep(10);
    h.cache.emit('MODIFIED', PODS, pod('bad', { app: 'fixed' }));
    expect(h.sink.calls).toEqual([]);
    await h.scanner.idle();
    expect(h.sink.calls.map((c) => `${c.resourceKey} ${c.policy} ${c.entries.map((e) => e.result).join()}`)).toEqual(['uid-shop-bad require-app pass']);

    // A change to a kind no background policy reads is ignored.
    h.cache.emit('ADDED', CONFIGMAPS, configMap('other'));
    await h.scanner.idle();
    expect(h.sink.calls).toHaveLength(1);
  });

  it('forgets a deleted resource at once and drops its pending rescan', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), [bare], { debounceMs: 30 });
    h.scanner.start();
    await sleep(5);
    await h.scanner.idle();
    h.sink.calls.length = 0;

    h.cache.emit('MODIFIED', PODS, pod('bad', { app: 'x' }));
    h.cache.emit('DELETED', PODS, pod('bad', { app: 'x' }));
    expect(h.sink.forgotten).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'bad', uid: 'uid-shop-bad' }]);
    await h.scanner.idle();
    await sleep(40);
    expect(h.sink.calls).toEqual([]);
    expect(h.sink.summary()).toEqual([]);
  });

  it('runs a full scan every intervalMs', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), [bare], { intervalMs: 25 });
    h.scanner.start();
    await sleep(90);
    await h.scanner.idle();
    // The first scan at start, then one per period.
    expect(h.sink.calls.length).toBeGreaterThanOrEqual(3);
  });
});

describe('backgroundScanner slicing and limits', () => {
  const many = Array.from({ length: 3000 }, (_, i) => pod(`p-${i}`, i % 3 === 0 ? {} : { app: 'web' }));

  it('yields to the event loop during a long scan', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), many, { sliceMs: 1 });
    let ticks = 0;
    let ticksWhenDone = -1;
    const tick = (): void => {
      ticks++;
      if (ticksWhenDone < 0) setImmediate(tick);
    };
    setImmediate(tick);
    const summary = await h.scanner.scanAll();
    ticksWhenDone = ticks;
    expect(summary).toMatchObject({ completed: true, resources: 3000, entries: 3000 });
    expect(summary.yields).toBeGreaterThan(0);
    // Other work ran during the scan: at least one turn per yield.
    expect(ticksWhenDone).toBeGreaterThanOrEqual(summary.yields);
  });

  it('runs on the leader only and stops when leadership is lost', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), many, { sliceMs: 1 });
    h.leader.value = false;
    expect(await h.scanner.scanAll()).toMatchObject({ completed: false, reason: 'not-leader', resources: 0 });
    h.scanner.start();
    h.cache.emit('MODIFIED', PODS, pod('p-1', { app: 'web' }));
    await sleep(40);
    await h.scanner.idle();
    expect(h.sink.calls).toEqual([]);

    h.leader.value = true;
    const scan = h.scanner.scanAll();
    setImmediate(() => {
      h.leader.value = false;
    });
    const summary = await scan;
    expect(summary).toMatchObject({ completed: false, reason: 'not-leader' });
    expect(summary.resources).toBeGreaterThan(0);
    expect(summary.resources).toBeLessThan(3000);
  });

  it('stop() ends a running scan at its next checkpoint and unsubscribes', async () => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), many, { sliceMs: 1 });
    h.scanner.start();
    expect(h.cache.listenerCount).toBe(1);
    const scan = h.scanner.scanAll();
    await sleep(0);
    await h.scanner.stop();
    const summary = await scan;
    expect(summary).toMatchObject({ completed: false, reason: 'stopped' });
    expect(h.cache.listenerCount).toBe(0);
  });

  it.each([
    [1, false],
    [2, true],
  ])('with concurrency %d, a resource rescan interleaves with a running full scan: %s', async (concurrency, interleaves) => {
    const h = harness(policiesFrom(clusterPolicy('require-app', requireLabelRule())), many, { sliceMs: 1, concurrency, debounceMs: 1 });
    // Not leading while start() schedules its own first full scan, so that this test's scan is the only one.
    h.leader.value = false;
    h.scanner.start();
    await new Promise((resolve) => setImmediate(resolve));
    h.leader.value = true;
    const full = h.scanner.scanAll();
    h.cache.emit('MODIFIED', PODS, pod('p-0', { app: 'web' }));
    await full;
    await h.scanner.idle();
    const rescan = h.sink.calls.findIndex((c) => c.resourceKey === 'uid-shop-p-0' && c.entries[0]?.result === 'pass');
    const lastOfFull = h.sink.calls.map((c) => c.resourceKey).lastIndexOf('uid-shop-p-2999');
    expect(rescan).toBeGreaterThanOrEqual(0);
    expect(rescan < lastOfFull).toBe(interleaves);
    expect(h.sink.state.get('uid-shop-p-0 require-app')?.[0].result).toBe('pass');
  });
});
