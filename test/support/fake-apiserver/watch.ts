/**
 * `?watch=true` streams: one JSON event per line, replayed from the requested resourceVersion, then live.
 * A resourceVersion older than the last compaction gets an ERROR event with a 410 Status, then the stream ends
 * (what the real server does; client-node then relists). Bookmarks and `timeoutSeconds` as the real server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from '../../../src/api/json.js';
import { sendStatus, statusObject } from './http-util.js';
import { apiVersionOf, refKey } from './resources.js';
import type { Selector } from './selectors.js';
import { fieldsOf, labelsOf } from './selectors.js';
import type { ObjectStore, StoredEvent } from './store.js';
import type { KubeJson, ResourceRef, ResourceType, WatchEvent } from './types.js';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  labels: Selector;
  fields: Selector;
  resourceVersion?: string;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
}

export interface WatchConnection {
  readonly resource: ResourceRef;
  readonly allowBookmarks: boolean;
  bookmark(): void;
  /** Ends the stream cleanly (chunked terminator). */
  end(): void;
  /** Destroys the socket, as a network failure. */
  drop(): void;
  /** Keeps the connection open but sends nothing more (no events, bookmarks or timeout end): a half-open connection. */
  stall(): void;
}

function matches(req: WatchRequest, object: KubeJson): boolean {
  if (req.namespace !== undefined && object.metadata.namespace !== req.namespace) return false;
  return req.labels(labelsOf(object)) && req.fields(fieldsOf(object));
}

export function serveWatch(
  store: ObjectStore,
  connections: Set<WatchConnection>,
  bookmarkIntervalMs: number,
  req: IncomingMessage,
  res: ServerResponse,
  w: WatchRequest,
): void {
  const rvText = w.resourceVersion;
  const fromRv = rvText === undefined || rvText === '' || rvText === '0' ? undefined : Number(rvText);
  if (fromRv !== undefined && (!Number.isInteger(fromRv) || fromRv < 0)) {
    sendStatus(res, 400, `resourceVersion: Invalid value: "${rvText}": must be a non-negative integer`);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let stalled = false;
  const write = (event: WatchEvent): void => {
    if (!stalled && !res.writableEnded && !res.destroyed) res.write(JSON.stringify(event) + '\n');
  };
  if (fromRv !== undefined && store.isTooOld(fromRv)) {
    write({ type: 'ERROR', object: statusObject(410, `too old resource version: ${fromRv} (${store.compactedAt()})`, 'Expired') });
    res.end();
    return;
  }
  const toEvent = (e: StoredEvent): WatchEvent => ({ type: e.type, object: e.object });
  if (fromRv === undefined) {
    // No resourceVersion: the current state as synthetic ADDED events, then changes.
    for (const obj of store.list(w.type, w.namespace)) if (matches(w, obj)) write({ type: 'ADDED', object: obj });
  } else {
    for (const e of store.eventsSince(w.type, fromRv)) if (matches(w, e.object)) write(toEvent(e));
  }
  const key = refKey(w.type);
  const unsubscribe = store.subscribe((e) => {
    if (refKey(e.resource) === key && matches(w, e.object)) write(toEvent(e));
  });
  const bookmarkObject = (): JsonObject => ({ kind: w.type.kind, apiVersion: apiVersionOf(w.type), metadata: { resourceVersion: String(store.currentRevision()) } });
  const bookmarkTimer = w.allowBookmarks ? setInterval(() => write({ type: 'BOOKMARK', object: bookmarkObject() }), bookmarkIntervalMs) : undefined;
  const timeoutTimer = w.timeoutSeconds !== undefined && w.timeoutSeconds > 0 ? setTimeout(() => stalled || res.end(), w.timeoutSeconds * 1000) : undefined;
  const connection: WatchConnection = {
    resource: w.type,
    allowBookmarks: w.allowBookmarks,
    bookmark: () => {
      if (w.allowBookmarks) write({ type: 'BOOKMARK', object: bookmarkObject() });
    },
    end: () => {
      cleanup();
      res.end();
    },
    drop: () => {
      cleanup();
      req.socket.destroy();
    },
    stall: () => {
      stalled = true;
    },
  };
  connections.add(connection);
  let cleaned = false;
  function cleanup(): void {
    if (cleaned) return;
    cleaned = true;
    unsubscribe();
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    if (timeoutTimer) clearTimeout(timeoutTimer);
    connections.delete(connection);
  }
  res.on('close', cleanup);
  res.on('finish', cleanup);
}
