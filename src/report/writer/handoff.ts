/**
 * Admission results of follower replicas, handed to the leader (only the leader writes reports), as Kyverno's
 * ephemeral admission reports are, but with ConfigMaps in Tollgate's namespace: no extra CRD to install.
 *
 * A follower buffers its records and, every interval, creates one labelled ConfigMap per batch (batches stay
 * under ~512 KiB, the object limit being 1 MiB). Batches go out in order and a failed create blocks the ones
 * behind it with a capped backoff, so a later result never lands before an earlier one and nothing is dropped
 * while the process lives. The leader's consumer lists those ConfigMaps, applies them to its writer in creation
 * order and deletes them.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord } from '../../api/json.js';
import type { ReportEntry } from '../../api/report.js';
import { ApiError, type Method, restClient, type RestClient, statusMessage } from '../../cluster/rest.js';
import { creationOrder, decodeHandoff, HANDOFF_LABEL, HANDOFF_SELECTOR, type HandoffMeta, handoffMeta, type HandoffRecord, splitBatches } from './handoff-codec.js';
import type { ReportProblem, ReportWriter } from './types.js';

/** The Kubernetes object size limit is 1 MiB; leave room for metadata. */
const HARD_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

export interface AdmissionHandoffOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  /**
   * Not consulted by record(): what a replica buffered as a follower must still reach the leader when this
   * replica has just become it (its own consumer then reads it back). Routing is the caller's (clusterReports).
   */
  isLeader?: () => boolean;
  /** Part of every ConfigMap name: a DNS-label-safe replica name (the Pod name). */
  identity: string;
  flushIntervalMs?: number;
  /** Largest `data.entries` of one ConfigMap (default 512 KiB). */
  maxBatchBytes?: number;
  /** Retry delay of a failed create: doubles per attempt up to the cap (default 1 s .. 30 s). */
  retry?: { initialMs: number; maxMs: number };
  requestTimeoutMs?: number;
  now?: () => number;
  onProblem?(p: ReportProblem): void;
}

export interface AdmissionHandoff {
  /** Buffers the latest entries of one (resource, policy) pair for the leader. */
  record(resourceKey: string, policy: string, entries: readonly ReportEntry[]): void;
  start(): void;
  /** Stops the timer and makes one last attempt to send what is buffered. */
  stop(): Promise<void>;
}

export interface HandoffConsumerOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  writer: Pick<ReportWriter, 'recordUnlessOutdated'>;
  isLeader: () => boolean;
  intervalMs?: number;
  requestTimeoutMs?: number;
  onProblem?(p: ReportProblem): void;
}

export interface HandoffConsumer {
  start(): void;
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
  /** One pass now (tests, and a leader taking over): list, apply, delete. */
  poll(): Promise<void>;
}

interface Batch {
  name: string;
  records: HandoffRecord[];
  failures: number;
  notBefore: number;
}

const collection = (namespace: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;

function reporter(onProblem: ((p: ReportProblem) => void) | undefined): (action: string, error: unknown, report?: string) => void {
  return (action, error, report) => {
    try {
      onProblem?.({ action, error, ...(report !== undefined ? { report } : {}) });
    } catch {
      // A failing problem handler must not stop the hand-off.
    }
  };
}

async function call(rest: RestClient, method: Method, path: string, body?: unknown): Promise<{ status: number; value: unknown }> {
  const res = await rest.request(method, path, body);
  if (!res.ok) throw new ApiError(0, `${method} ${path}: ${res.message}`);
  return { status: res.status, value: res.value };
}

/** A timer loop that runs one pass at a time; stop() waits for the pass under way. */
function loop(intervalMs: number, pass: () => Promise<void>): { start(): void; stop(): Promise<void>; run(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = (): Promise<void> => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
    run,
  };
}

export function admissionHandoff(options: AdmissionHandoffOptions): AdmissionHandoff {
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBatchBytes ?? 512 * 1024;
  const retry = options.retry ?? { initialMs: 1000, maxMs: 30_000 };
  const rest = restClient(options.kubeConfig, { timeoutMs: options.requestTimeoutMs ?? 10_000 });
  const problem = reporter(options.onProblem);
  // Latest record per pair, in the order last recorded: a newer result of a pair replaces the buffered one.
  const buffer = new Map<string, HandoffRecord>();
  const outbox: Batch[] = [];
  // Starting from the clock keeps names unique across restarts of a replica that keeps its name, so a 409
  // can only be an earlier attempt of this very batch that did reach the API server.
  let counter = now();

  function batchUp(): void {
    const records = [...buffer.values()];
    buffer.clear();
    for (const records_ of splitBatches(records, maxBytes)) {
      const bytes = Buffer.byteLength(JSON.stringify(records_));
      if (bytes > HARD_LIMIT_BYTES) {
        const r = records_[0];
        problem('handoff-oversize', new Error(`the entries of ${r.policy} on ${r.resourceKey} take ${bytes} bytes, more than a ConfigMap holds`));
        continue;
      }
      outbox.push({ name: `tollgate-admission-${options.identity}-${counter++}`, records: records_, failures: 0, notBefore: 0 });
    }
  }

  async function create(batch: Batch): Promise<void> {
    const body = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: batch.name, namespace: options.namespace, labels: { [HANDOFF_LABEL]: 'true' } },
      data: { entries: JSON.stringify(batch.records) },
    };
    const path = collection(options.namespace);
    const r = await call(rest, 'POST', path, body);
    if (r.status === 409 || r.status === 200 || r.status === 201 || r.status === 202) return;
    throw new ApiError(r.status, `POST ${path}: ${statusMessage(r.value, r.status)}`);
  }

  async function flush(force: boolean): Promise<void> {
    batchUp();
    while (outbox.length > 0) {
      const batch = outbox[0];
      if (!force && now() < batch.notBefore) return;
      try {
        await create(batch);
      } catch (error) {
        batch.failures++;
        batch.notBefore = now() + Math.min(retry.initialMs * 2 ** (batch.failures - 1), retry.maxMs);
        problem('handoff-create', error, batch.name);
        return;
      }
      outbox.shift();
    }
  }

  const timer = loop(options.flushIntervalMs ?? 2000, () => flush(false));
  return {
    record(resourceKey, policy, entries) {
      const key = `${resourceKey}\u0000${policy}`;
      buffer.delete(key);
      buffer.set(key, { resourceKey, policy, at: now(), entries });
    },
    start: () => timer.start(),
    async stop() {
      await timer.stop();
      await flush(true);
      const left = outbox.reduce((n, b) => n + b.records.length, 0);
      if (left > 0) problem('handoff-stop', new Error(`${left} admission records were not handed to the leader before shutdown`));
    },
  };
}

export function handoffConsumer(options: HandoffConsumerOptions): HandoffConsumer {
  const rest = restClient(options.kubeConfig, { timeoutMs: options.requestTimeoutMs ?? 10_000 });
  const problem = reporter(options.onProblem);
  // Applied but not deleted yet (a failed DELETE): never applied twice, since newer records may have come since.
  const applied = new Set<string>();

  async function list(): Promise<HandoffMeta[]> {
    const out: HandoffMeta[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ labelSelector: HANDOFF_SELECTOR, limit: '100' });
      if (token) query.set('continue', token);
      const path = `${collection(options.namespace)}?${query.toString()}`;
      const r = await call(rest, 'GET', path);
      if (r.status !== 200) throw new ApiError(r.status, `GET ${path}: ${statusMessage(r.value, r.status)}`);
      const items = isRecord(r.value) && Array.isArray(r.value.items) ? r.value.items : [];
      for (const item of items) {
        const m = handoffMeta(item);
        if (m !== undefined) out.push(m);
      }
      const meta = isRecord(r.value) && isRecord(r.value.metadata) ? r.value.metadata : {};
      token = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
    } while (token);
    return out.sort(creationOrder);
  }

  async function remove(m: HandoffMeta): Promise<void> {
    const path = `${collection(options.namespace)}/${encodeURIComponent(m.name)}`;
    try {
      const r = await call(rest, 'DELETE', path);
      if (r.status !== 200 && r.status !== 202 && r.status !== 404) throw new ApiError(r.status, `DELETE ${path}: ${statusMessage(r.value, r.status)}`);
      applied.delete(`${m.name}/${m.uid}`);
    } catch (error) {
      problem('handoff-delete', error, m.name);
    }
  }

  async function poll(): Promise<void> {
    if (!options.isLeader()) return;
    let found: HandoffMeta[];
    try {
      found = await list();
    } catch (error) {
      problem('handoff-list', error);
      return;
    }
    const present = new Set(found.map((m) => `${m.name}/${m.uid}`));
    for (const id of applied) if (!present.has(id)) applied.delete(id);
    for (const m of found) {
      // Leadership lost: the new leader reads what is left.
      if (!options.isLeader()) return;
      const id = `${m.name}/${m.uid}`;
      if (!applied.has(id)) {
        const decoded = decodeHandoff(m.object);
        if (!decoded.ok) problem('handoff-malformed', new Error(decoded.reason), m.name);
        else for (const r of decoded.records) options.writer.recordUnlessOutdated(r.resourceKey, r.policy, r.entries, r.at);
        applied.add(id);
      }
      await remove(m);
    }
  }

  const timer = loop(options.intervalMs ?? 2000, poll);
  return { start: () => timer.start(), stop: () => timer.stop(), poll: () => timer.run() };
}
