/** API server GETs for lookups the cache cannot answer: against the fake API server, plus a stalling server. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { createApiFetcher } from '../../src/cluster/api-fetch.js';
import { requestJson } from '../../src/cluster/http-json.js';
import { CONFIGMAPS, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver/index.js';

let api: FakeApiServer;
let kc: KubeConfig;
beforeAll(async () => {
  api = await startFakeApiServer();
  kc = new KubeConfig();
  kc.loadFromFile(api.kubeconfigPath);
});
afterAll(async () => {
  await api.close();
});

describe('createApiFetcher', () => {
  test('a GET of one object, a list, and a missing object (not-found with the API message)', async () => {
    api.put(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' }, data: { k: 'v' } });
    const fetcher = createApiFetcher(kc, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(await fetcher.get('/api/v1/namespaces/team-a/configmaps/settings')).toMatchObject({ found: true, value: { data: { k: 'v' } } });
    const list = await fetcher.get('/api/v1/namespaces/team-a/configmaps');
    expect(list.found && (list.value as { items: unknown[] }).items).toHaveLength(1);
    const missing = await fetcher.get('/api/v1/namespaces/team-a/configmaps/nope');
    expect(missing).toMatchObject({ found: false, reason: 'not-found', message: expect.stringContaining('GET /api/v1/namespaces/team-a/configmaps/nope: ') });
  });

  test('a server error is reported, not thrown', async () => {
    api.failNext({ method: 'GET', path: /configmaps\/settings/, status: 500, message: 'etcd is sad' });
    const fetcher = createApiFetcher(kc, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(await fetcher.get('/api/v1/namespaces/team-a/configmaps/settings')).toMatchObject({ found: false, message: expect.stringContaining('etcd is sad') });
  });
});

describe('requestJson bounds', () => {
  let slow: Server;
  let url: string;
  beforeAll(async () => {
    slow = createServer((req, res) => {
      if (req.url === '/big') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: 'x'.repeat(10_000) }));
      }
      // Any other path: never answers.
    });
    await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    slow.closeAllConnections();
    await new Promise((ok) => slow.close(ok));
  });

  test('no answer within the deadline', async () => {
    const started = Date.now();
    const r = await requestJson({ url: new URL(`${url}/stall`), method: 'GET', timeoutMs: 150, maxBytes: 1000 });
    expect(r).toEqual({ ok: false, message: 'no answer within 150 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an answer over the size limit', async () => {
    expect(await requestJson({ url: new URL(`${url}/big`), method: 'GET', timeoutMs: 2000, maxBytes: 1000 })).toEqual({ ok: false, message: 'the answer is larger than 1000 bytes' });
    expect(await requestJson({ url: new URL(`${url}/big`), method: 'GET', timeoutMs: 2000, maxBytes: 100_000 })).toMatchObject({ ok: true, status: 200 });
  });
});
