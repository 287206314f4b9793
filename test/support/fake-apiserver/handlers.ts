/** REST verbs on one resource: get, list, create, replace, patch, delete (and the status subresource). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type JsonObject, type JsonValue, isJsonObject } from '../../../src/api/json.js';
import { readJsonBody, sendJson, sendStatus } from './http-util.js';
import { jsonPatch, mergePatch } from './patch.js';
import { apiVersionOf } from './resources.js';
import { fieldsOf, labelsOf, parseSelector } from './selectors.js';
import type { ObjectStore, WriteResult, WriteScope } from './store.js';
import type { KubeJson, ResourceType } from './types.js';
import { type WatchConnection, serveWatch } from './watch.js';

export interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
}

export interface HandlerContext {
  store: ObjectStore;
  connections: Set<WatchConnection>;
  bookmarkIntervalMs: number;
  /** Records the parsed body of a write for the request log. */
  logBody(body: unknown): void;
}

const ERROR_CODES = { AlreadyExists: 409, NotFound: 404, Conflict: 409, Invalid: 422 } as const;

function sendWrite(res: ServerResponse, r: WriteResult, successCode: number, type: ResourceType, name: string | undefined): void {
  if (r.ok) {
    sendJson(res, successCode, r.object);
    return;
  }
  sendStatus(res, ERROR_CODES[r.reason], r.message, r.reason, { ...(name !== undefined ? { name } : {}), group: type.group, kind: type.resource });
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

/** The list form: built-in types drop apiVersion/kind on items, custom resources keep them. */
function listItem(type: ResourceType, obj: KubeJson): JsonObject {
  if (type.custom) return obj;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

async function readObject(req: IncomingMessage, res: ServerResponse, ctx: HandlerContext): Promise<JsonObject | undefined> {
  const body = await readJsonBody(req);
  if (!body.ok) {
    sendStatus(res, 400, body.reason);
    return undefined;
  }
  ctx.logBody(body.value);
  if (!isJsonObject(body.value as JsonValue)) {
    sendStatus(res, 400, 'the request body must be a JSON object');
    return undefined;
  }
  return body.value as JsonObject;
}

/** The object's namespace must agree with the URL's (an absent one is taken from the URL). */
function scoped(r: ResourceRequest, obj: JsonObject, res: ServerResponse): JsonObject | undefined {
  const metadata = isJsonObject(obj.metadata) ? { ...obj.metadata } : {};
  if (r.type.namespaced) {
    if (metadata.namespace !== undefined && metadata.namespace !== r.namespace) {
      sendStatus(res, 400, 'the namespace of the provided object does not match the namespace sent on the request');
      return undefined;
    }
    if (r.namespace !== undefined) metadata.namespace = r.namespace;
  }
  return { ...obj, metadata };
}

/** The selected objects of one list, reused by its later pages until anything is written (pages of 100,000 objects). */
const selectedMemo = new WeakMap<object, { revision: number; lists: Map<string, KubeJson[]> }>();

/** Lists paged in parallel (several kinds syncing at once) each keep their own entry until the next write. */
function selected(r: ResourceRequest, ctx: HandlerContext, keep: (o: KubeJson) => boolean): KubeJson[] {
  const key = `${r.type.group}/${r.type.resource}/${r.namespace ?? ''}?${r.query.get('labelSelector') ?? ''}&${r.query.get('fieldSelector') ?? ''}`;
  const revision = ctx.store.currentRevision();
  let memo = selectedMemo.get(ctx.store);
  if (memo?.revision !== revision) selectedMemo.set(ctx.store, (memo = { revision, lists: new Map() }));
  let items = memo.lists.get(key);
  if (items === undefined) {
    items = ctx.store.listShared(r.type, r.namespace).filter(keep);
    if (memo.lists.size >= 32) memo.lists.clear();
    memo.lists.set(key, items);
  }
  return items;
}

function list(r: ResourceRequest, res: ServerResponse, ctx: HandlerContext): void {
  const labels = parseSelector(r.query.get('labelSelector') ?? undefined);
  const fields = parseSelector(r.query.get('fieldSelector') ?? undefined);
  if (!labels.ok || !fields.ok) {
    sendStatus(res, 400, `invalid selector: ${!labels.ok ? labels.reason : !fields.ok ? fields.reason : ''}`);
    return;
  }
  const all = selected(r, ctx, (o) => labels.matches(labelsOf(o)) && fields.matches(fieldsOf(o)));
  // `limit` pages through the sorted list; the `continue` token is the offset (pages are not one snapshot).
  const limit = Number(r.query.get('limit') ?? '0');
  const from = Number(Buffer.from(r.query.get('continue') ?? '', 'base64url').toString('utf8') || '0');
  if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(from) || from < 0) return sendStatus(res, 400, 'invalid limit or continue');
  const items = limit > 0 ? all.slice(from, from + limit) : all.slice(from);
  const more = limit > 0 && from + limit < all.length;
  sendJson(res, 200, {
    apiVersion: apiVersionOf(r.type),
    kind: `${r.type.kind}List`,
    metadata: { resourceVersion: String(ctx.store.currentRevision()), ...(more ? { continue: Buffer.from(String(from + limit), 'utf8').toString('base64url') } : {}) },
    items: items.map((o) => listItem(r.type, structuredClone(o))),
  });
}

function watch(r: ResourceRequest, req: IncomingMessage, res: ServerResponse, ctx: HandlerContext): void {
  const labels = parseSelector(r.query.get('labelSelector') ?? undefined);
  const fields = parseSelector(r.query.get('fieldSelector') ?? undefined);
  if (!labels.ok || !fields.ok) {
    sendStatus(res, 400, `invalid selector: ${!labels.ok ? labels.reason : !fields.ok ? fields.reason : ''}`);
    return;
  }
  const timeout = r.query.get('timeoutSeconds');
  serveWatch(ctx.store, ctx.connections, ctx.bookmarkIntervalMs, req, res, {
    type: r.type,
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    labels: labels.matches,
    fields: fields.matches,
    ...(r.query.get('resourceVersion') !== null ? { resourceVersion: r.query.get('resourceVersion') ?? '' } : {}),
    allowBookmarks: isTrue(r.query.get('allowWatchBookmarks')),
    ...(timeout !== null ? { timeoutSeconds: Number(timeout) } : {}),
  });
}

async function patch(r: ResourceRequest & { name: string }, req: IncomingMessage, res: ServerResponse, ctx: HandlerContext, scope: WriteScope): Promise<void> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
  const body = await readJsonBody(req);
  if (!body.ok) return sendStatus(res, 400, body.reason);
  ctx.logBody(body.value);
  const existing = ctx.store.get(r.type, r.name, r.namespace);
  if (existing === undefined) return sendStatus(res, 404, `${r.type.resource} "${r.name}" not found`, 'NotFound', { name: r.name, kind: r.type.resource });
  let patched: JsonValue;
  if (contentType === 'application/json-patch+json') {
    const result = jsonPatch(existing, body.value);
    if (!result.ok) return sendStatus(res, 422, `the server rejected our request due to an error in our request: ${result.reason}`, 'Invalid');
    patched = result.value;
  } else if (contentType === 'application/merge-patch+json' || contentType === 'application/strategic-merge-patch+json') {
    // Strategic merge is treated as a plain merge patch: the fake knows no patch strategies of built-in types.
    patched = mergePatch(existing, body.value as JsonValue);
  } else {
    return sendStatus(res, 415, `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
  }
  if (!isJsonObject(patched)) return sendStatus(res, 422, 'the patched object is not a JSON object', 'Invalid');
  // A patch names its own target: resourceVersion is only a precondition when the patch itself sets it.
  const metadata = isJsonObject(patched.metadata) ? patched.metadata : {};
  const patchMeta = isJsonObject(body.value as JsonValue) && isJsonObject((body.value as JsonObject).metadata) ? ((body.value as JsonObject).metadata as JsonObject) : {};
  if (patchMeta.resourceVersion === undefined) delete metadata.resourceVersion;
  sendWrite(res, ctx.store.update(r.type, { ...patched, metadata }, scope), 200, r.type, r.name);
}

export async function handleResource(r: ResourceRequest, req: IncomingMessage, res: ServerResponse, ctx: HandlerContext): Promise<void> {
  const method = req.method ?? 'GET';
  if (r.subresource !== undefined && !(r.subresource === 'status' && r.type.statusSubresource)) {
    return sendStatus(res, 404, 'the server could not find the requested resource');
  }
  const scope: WriteScope = r.subresource === 'status' ? 'status' : 'main';
  if (r.name === undefined) {
    if (method === 'GET') return isTrue(r.query.get('watch')) ? watch(r, req, res, ctx) : list(r, res, ctx);
    if (method === 'POST') {
      const obj = await readObject(req, res, ctx);
      const inScope = obj && scoped(r, obj, res);
      if (inScope) sendWrite(res, ctx.store.create(r.type, inScope), 201, r.type, undefined);
      return;
    }
    if (method === 'DELETE') {
      const labels = parseSelector(r.query.get('labelSelector') ?? undefined);
      if (!labels.ok) return sendStatus(res, 400, labels.reason);
      const deleted: KubeJson[] = [];
      for (const o of ctx.store.list(r.type, r.namespace)) {
        const name = o.metadata.name;
        const result = typeof name === 'string' && labels.matches(labelsOf(o)) ? ctx.store.remove(r.type, name, r.namespace ?? (o.metadata.namespace as string | undefined)) : undefined;
        if (result?.ok) deleted.push(result.object);
      }
      return sendJson(res, 200, { apiVersion: apiVersionOf(r.type), kind: `${r.type.kind}List`, metadata: { resourceVersion: String(ctx.store.currentRevision()) }, items: deleted.map((o) => listItem(r.type, o)) });
    }
    return sendStatus(res, 405, `method ${method} is not supported on a collection`);
  }
  const named = { ...r, name: r.name };
  switch (method) {
    case 'GET': {
      const obj = ctx.store.get(r.type, r.name, r.namespace);
      if (obj === undefined) return sendStatus(res, 404, `${r.type.resource}${r.type.group ? '.' + r.type.group : ''} "${r.name}" not found`, 'NotFound', { name: r.name, group: r.type.group, kind: r.type.resource });
      return sendJson(res, 200, obj);
    }
    case 'PUT': {
      const obj = await readObject(req, res, ctx);
      const inScope = obj && scoped(r, obj, res);
      if (!inScope) return;
      const meta = inScope.metadata as JsonObject;
      if (meta.name !== undefined && meta.name !== r.name) return sendStatus(res, 400, 'the name of the object does not match the name on the URL');
      return sendWrite(res, ctx.store.update(r.type, { ...inScope, metadata: { ...meta, name: r.name } }, scope), 200, r.type, r.name);
    }
    case 'PATCH':
      return patch(named, req, res, ctx, scope);
    case 'DELETE':
      return sendWrite(res, ctx.store.remove(r.type, r.name, r.namespace), 200, r.type, r.name);
    default:
      return sendStatus(res, 405, `method ${method} is not supported`);
  }
}
