/** Watch faults against the fake API server: 410 relists, cut and stalled watches, a new history, long outages. */
import { CONFIGMAPS } from '../../support/fake-apiserver/index.js';
import { type Harness, cm, harness, until } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const configMapStatus = () => h.cache.status().find((s) => s.ref.resource === 'configmaps');
const changeLog = () => h.changes.filter((c) => c.ref.resource === 'configmaps').map((c) => `${c.type} ${c.object.metadata.namespace ?? ''}/${c.object.metadata.name ?? ''}`);

async function synced(names: string[], options: Parameters<typeof harness>[0] = {}): Promise<void> {
  h = await harness(options);
  for (const n of names) h.server.put(CONFIGMAPS, cm('shop', n, { v: '1' }));
  h.cache.setKinds([CONFIGMAPS]);
  await h.cache.start();
  await h.server.waitForWatches(1, CONFIGMAPS);
  h.changes.length = 0;
}

describe('410 Gone', () => {
  test('relists and emits DELETED for objects that vanished while the watch was down', async () => {
    await synced(['a', 'b', 'c']);
    const requests = h.server.requests.length;
    // All in one tick: the client cannot reconnect before the history is gone.
    h.server.dropWatches();
    h.server.delete(CONFIGMAPS, 'b', 'shop');
    h.server.put(CONFIGMAPS, cm('shop', 'c', { v: '2' }));
    h.server.put(CONFIGMAPS, cm('shop', 'd'));
    h.server.compact();
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'd') !== undefined, 'relist');
    const after = h.server.requests.slice(requests);
    expect(after.some((r) => r.watch && r.status === 200)).toBe(true);
    expect(after.some((r) => !r.watch && r.path === '/api/v1/configmaps')).toBe(true);
    expect(changeLog().sort()).toEqual(['ADDED shop/d', 'DELETED shop/b', 'MODIFIED shop/c']);
    expect(h.cache.get(CONFIGMAPS, 'shop', 'b')).toBeUndefined();
    expect(h.cache.list(CONFIGMAPS).map((o) => o.metadata.name)).toEqual(['a', 'c', 'd']);
    expect(h.cache.snapshot.configMap('shop', 'b')).toMatchObject({ found: false, reason: 'not-found' });
    expect(configMapStatus()).toMatchObject({ objects: 3, relists: 1, synced: true, broken: false });
    expect(h.cache.ready()).toBe(true);
  });

  test('a restart of the API server with a new history: old resourceVersions are 410, the relist reconciles', async () => {
    await synced(['a', 'b']);
    h.server.dropWatches();
    h.server.delete(CONFIGMAPS, 'a', 'shop');
    h.server.restartWithNewHistory();
    expect(h.server.resourceVersion()).toBeLessThan(100);
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'a') === undefined, 'relist after restart');
    expect(changeLog()).toEqual(expect.arrayContaining(['DELETED shop/a']));
    expect(h.cache.get(CONFIGMAPS, 'shop', 'b')?.metadata.resourceVersion).toBe(h.server.get(CONFIGMAPS, 'b', 'shop')?.metadata.resourceVersion);
    // The new history is followed from its own resourceVersions.
    await h.server.waitForWatches(1, CONFIGMAPS);
    h.server.put(CONFIGMAPS, cm('shop', 'e'));
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'e') !== undefined, 'event from the new history');
    expect(configMapStatus()?.relists).toBe(1);
  });
});

describe('cut and stalled watches', () => {
  test.each([
    ['dropped (socket destroyed)', (hh: Harness) => hh.server.dropWatches()],
    ['ended cleanly (server timeout)', (hh: Harness) => hh.server.endWatches()],
  ])('a watch %s resumes from its resourceVersion without a relist', async (_name, cut) => {
    await synced(['a']);
    const requests = h.server.requests.length;
    cut(h);
    h.server.put(CONFIGMAPS, cm('shop', 'b'));
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'b') !== undefined, 'event after reconnect');
    const after = h.server.requests.slice(requests);
    expect(after.filter((r) => !r.watch)).toEqual([]);
    expect(after.every((r) => r.query.resourceVersion !== undefined && r.query.resourceVersion !== '')).toBe(true);
    expect(configMapStatus()).toMatchObject({ relists: 0, broken: false });
  });

  test('the watchdog restarts a stalled watch, and what happened meanwhile arrives', async () => {
    await synced(['a'], { staleAfterMs: 300 });
    h.server.stallWatches(CONFIGMAPS);
    h.server.put(CONFIGMAPS, cm('shop', 'b'));
    // Healthy watches (namespaces) get bookmarks and are left alone; the stalled one is silent.
    await new Promise((r) => setTimeout(r, 150));
    expect(h.cache.get(CONFIGMAPS, 'shop', 'b')).toBeUndefined();
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'b') !== undefined, 'watchdog restart', 3000);
    expect(configMapStatus()).toMatchObject({ relists: 0, broken: false });
    expect(configMapStatus()?.watchRestarts).toBeGreaterThanOrEqual(1);
    expect(h.cache.status().find((s) => s.ref.resource === 'namespaces')?.watchRestarts).toBe(0);
    expect(h.cache.ready()).toBe(true);
  });
});

describe('readiness while broken', () => {
  test('stays ready through a short outage, turns unready past brokenAfterMs, ready again once the watch is back', async () => {
    await synced(['a'], { brokenAfterMs: 500, backoff: { initialMs: 40, maxMs: 40 } });
    h.server.failNext({ path: /^\/api\/v1\/configmaps$/, status: 503, times: 8 });
    h.server.dropWatches();
    await until(() => configMapStatus()?.broken === true, 'broken');
    expect(h.cache.ready()).toBe(true);
    h.clock.now += 499;
    expect(h.cache.ready()).toBe(true);
    h.clock.now += 2;
    expect(h.cache.ready()).toBe(false);
    // Lookups keep answering from the last good state while the connection is down.
    expect(h.cache.snapshot.configMap('shop', 'a').found).toBe(true);
    await until(() => configMapStatus()?.broken === false, 'recovered', 5000);
    expect(h.cache.ready()).toBe(true);
    expect(configMapStatus()?.watchRestarts).toBeGreaterThanOrEqual(8);
    expect(h.problems.length).toBeGreaterThanOrEqual(8);
  });
});
