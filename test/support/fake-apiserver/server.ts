/**
 * A local Kubernetes API server for tests: real HTTP on 127.0.0.1, the real REST and watch protocol,
 * objects in memory. Tests drive the code under test through @kubernetes/client-node against it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonObject } from '../../../src/api/json.js';
import { groupVersionDocument, rootDocument } from './discovery.js';
import { type HandlerContext, handleResource } from './handlers.js';
import { sendJson, sendStatus } from './http-util.js';
import { writeKubeconfig } from './kubeconfig.js';
import { parsePath } from './paths.js';
import { DEFAULT_RESOURCES, ResourceCatalogue } from './resources.js';
import { ObjectStore } from './store.js';
import type { FakeApiServer, FakeApiServerOptions, InjectedFailure, KubeJson, RequestLogEntry, ResourceRef, ResourceType } from './types.js';
import type { WatchConnection } from './watch.js';

function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return a.group === b.group && a.version === b.version && a.resource === b.resource;
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const catalogue = new ResourceCatalogue([...DEFAULT_RESOURCES, ...(options.resources ?? [])]);
  const store = new ObjectStore();
  const connections = new Set<WatchConnection>();
  const requests: RequestLogEntry[] = [];
  const failures: (InjectedFailure & { remaining: number })[] = [];
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 1000;

  function typeOf(ref: ResourceRef): ResourceType {
    const t = catalogue.find(ref);
    if (t === undefined) throw new Error(`fake apiserver: unknown resource ${ref.group}/${ref.version}/${ref.resource}`);
    return t;
  }

  function takeFailure(method: string, pathname: string, isWatch: boolean): InjectedFailure | undefined {
    const i = failures.findIndex((f) => (f.method === undefined || f.method === method) && (f.path === undefined || f.path.test(pathname)) && (f.watch === undefined || f.watch === isWatch));
    if (i < 0) return undefined;
    const f = failures[i];
    if (--f.remaining <= 0) failures.splice(i, 1);
    return f;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const isWatch = method === 'GET' && (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1');
    const entry: RequestLogEntry = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, watch: isWatch };
    if (req.headers['content-type'] !== undefined) entry.contentType = req.headers['content-type'];
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    if (isWatch) entry.status = 200;
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) return sendStatus(res, 401, 'Unauthorized');
    const failure = takeFailure(method, url.pathname, isWatch);
    if (failure) return sendStatus(res, failure.status, failure.message ?? `injected failure ${failure.status}`);
    const parsed = parsePath(url.pathname);
    if (parsed.type === 'discovery-root') return sendJson(res, 200, rootDocument(catalogue, parsed.core));
    if (parsed.type === 'discovery-group-version') {
      const doc = groupVersionDocument(catalogue, parsed.group, parsed.version);
      return doc ? sendJson(res, 200, doc) : sendStatus(res, 404, 'the server could not find the requested resource');
    }
    if (parsed.type === 'unknown') return sendStatus(res, 404, 'the server could not find the requested resource');
    const type = catalogue.find(parsed);
    if (type === undefined || (!type.namespaced && parsed.namespace !== undefined)) return sendStatus(res, 404, 'the server could not find the requested resource');
    const ctx: HandlerContext = { store, connections, bookmarkIntervalMs, logBody: (body) => (entry.body = body) };
    await handleResource(
      {
        type,
        ...(parsed.namespace !== undefined ? { namespace: parsed.namespace } : {}),
        ...(parsed.name !== undefined ? { name: parsed.name } : {}),
        ...(parsed.subresource !== undefined ? { subresource: parsed.subresource } : {}),
        query: url.searchParams,
      },
      req,
      res,
      ctx,
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendStatus(res, 500, err instanceof Error ? err.message : String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'fake-apiserver-'));
  const kubeconfigPath = await writeKubeconfig(path.join(dir, 'kubeconfig'), url, options.token !== undefined ? { token: options.token } : {});

  const api: FakeApiServer = {
    url,
    kubeconfigPath,
    requests,
    resourceVersion: () => store.currentRevision(),
    put(ref, object) {
      const type = typeOf(ref);
      const meta = typeof object.metadata === 'object' && object.metadata !== null && !Array.isArray(object.metadata) ? (object.metadata as JsonObject) : {};
      const name = typeof meta.name === 'string' ? meta.name : '';
      const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
      const exists = store.get(type, name, namespace) !== undefined;
      // A test's put is authoritative: it sets status too and never fails on a stale resourceVersion.
      const input: JsonObject = { ...object, metadata: { ...meta, resourceVersion: '' } };
      const result = exists ? store.update(type, input, 'main') : store.create(type, input);
      if (!result.ok) throw new Error(`fake apiserver put: ${result.message}`);
      if (exists && type.statusSubresource && object.status !== undefined) {
        const withStatus = store.update(type, { ...result.object, status: object.status }, 'status');
        if (!withStatus.ok) throw new Error(`fake apiserver put: ${withStatus.message}`);
        return withStatus.object;
      }
      return result.object;
    },
    delete: (ref, name, namespace) => store.remove(typeOf(ref), name, namespace).ok,
    get: (ref, name, namespace) => store.get(typeOf(ref), name, namespace),
    list: (ref, namespace): KubeJson[] => store.list(typeOf(ref), namespace),
    compact: () => store.compact(),
    bookmark: () => [...connections].forEach((c) => c.bookmark()),
    dropWatches: () => [...connections].forEach((c) => c.drop()),
    endWatches: () => [...connections].forEach((c) => c.end()),
    stallWatches: (ref) => [...connections].filter((c) => ref === undefined || sameRef(c.resource, ref)).forEach((c) => c.stall()),
    restartWithNewHistory(restartOptions = {}) {
      store.restartHistory(restartOptions.firstResourceVersion ?? 1);
      [...connections].forEach((c) => c.drop());
    },
    watchCount: (ref) => [...connections].filter((c) => ref === undefined || sameRef(c.resource, ref)).length,
    async waitForWatches(count, ref, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (api.watchCount(ref) < count) {
        if (Date.now() > deadline) throw new Error(`fake apiserver: ${api.watchCount(ref)} watches open, waited for ${count}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    failNext: (failure) => failures.push({ ...failure, remaining: failure.times ?? 1 }),
    clearRequests: () => void requests.splice(0, requests.length),
    addResource: (type) => catalogue.add(type),
    async close() {
      for (const c of [...connections]) c.drop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
  return api;
}
