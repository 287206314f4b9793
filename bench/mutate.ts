/**
 * Mutate benchmark (`npm run bench:mutate`): policies/sidecar-injection.yaml on a Pod CREATE that opts in
 * (bench/server.ts scenario (d)). Each iteration takes a freshly JSON.parsed AdmissionReview, as the server
 * sees it, and times separately (1) the mutate stage (candidate selection and the engine) and (2) building the
 * answer (JSON patch diff, JSON and base64). Prints mean/p50/p99, heap bytes allocated per call and GC counts.
 */
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { toMutationResponse } from '../src/admission/index.js';
import type { AdmissionRequest, AdmissionResponse, AdmissionReview } from '../src/api/admission.js';
import type { LoadedPolicy } from '../src/api/policy.js';
import { EMPTY_SNAPSHOT } from '../src/api/snapshot.js';
import { mutate, type MutationResult } from '../src/engine/index.js';
import { buildPolicyIndex, candidatePolicies, loadPolicyFiles } from '../src/policy/index.js';
import { sidecarReview } from './fixtures.js';
import { micros, summarize } from './stats.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20000);
const WARMUP = 3000;
const env = { now: () => Date.now(), random: Math.random };

async function loadSidecar(): Promise<LoadedPolicy[]> {
  const { policies, errors } = await loadPolicyFiles([resolve('policies/sidecar-injection.yaml')]);
  if (errors.length > 0) throw new Error(`policy errors:\n${errors.map((e) => e.message).join('\n')}`);
  return policies;
}

interface Phase {
  samples: Float64Array;
  totalNs: number;
  /** Heap growth per call, from calls during which no GC ran (growth >= 0). */
  bytes: number[];
}

const phase = (n: number): Phase => ({ samples: new Float64Array(n), totalNs: 0, bytes: [] });
const heapUsed = (): number => getHeapStatistics().used_heap_size;

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const policies = await loadSidecar();
  const index = buildPolicyIndex(policies);
  const bodies = Array.from({ length: 64 }, (_, i) => JSON.stringify(sidecarReview(i)));
  const requestOf = (i: number): AdmissionRequest => (JSON.parse(bodies[i % bodies.length]) as AdmissionReview).request as AdmissionRequest;
  const stage = (request: AdmissionRequest): MutationResult => {
    const selected = candidatePolicies(index, request.kind.kind, request.operation, request.namespace).filter((lp) => lp.rules.some((r) => r.mutate !== undefined));
    return mutate({ request, policies: selected, snapshot: EMPTY_SNAPSHOT, env, deadline: env.now() + 10_000 });
  };

  // The answer must carry a patch, or the benchmark measures nothing.
  const probe = requestOf(0);
  const first = toMutationResponse(probe, stage(probe));
  if (first.patchType !== 'JSONPatch' || !first.patch) throw new Error(`no patch in the answer: ${JSON.stringify(first)}`);
  const patchBytes = Buffer.from(first.patch, 'base64').length;

  let sink = 0;
  for (let i = 0; i < WARMUP; i++) {
    const request = requestOf(i);
    sink += toMutationResponse(request, stage(request)).patch?.length ?? 0;
  }

  let gcs = 0;
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcs++;
      gcMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  const engine = phase(ITERATIONS);
  const respond = phase(ITERATIONS);
  const wall0 = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) {
    const request = requestOf(i);
    const h0 = heapUsed();
    const t0 = process.hrtime.bigint();
    const result = stage(request);
    const t1 = process.hrtime.bigint();
    const h1 = heapUsed();
    const response: AdmissionResponse = toMutationResponse(request, result);
    const t2 = process.hrtime.bigint();
    const h2 = heapUsed();
    engine.samples[i] = Number(t1 - t0);
    respond.samples[i] = Number(t2 - t1);
    engine.totalNs += engine.samples[i];
    respond.totalNs += respond.samples[i];
    // heapUsed itself allocates a little (the statistics object); the figure is an upper bound.
    if (h1 >= h0) engine.bytes.push(h1 - h0);
    if (h2 >= h1) respond.bytes.push(h2 - h1);
    sink += response.patch?.length ?? 0;
  }
  const wallNs = Number(process.hrtime.bigint() - wall0);
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();

  console.log(`Tollgate mutate benchmark (node ${process.version}, one thread): sidecar injection, Pod CREATE opting in by annotation`);
  console.log(`  body ${bodies[0].length} bytes, patch ${patchBytes} bytes (${first.patch.length} base64), iterations ${ITERATIONS}`);
  for (const [label, p] of [
    ['mutate stage', engine],
    ['response    ', respond],
  ] as const) {
    const s = summarize(p.samples, p.totalNs);
    console.log(`  ${label}  mean ${micros(s.mean)}   p50 ${micros(s.p50)}   p90 ${micros(s.p90)}   p99 ${micros(s.p99)}   max ${micros(s.max)}   heap ~${(median(p.bytes) / 1024).toFixed(1)} KiB/call`);
  }
  console.log(`  GC during the timed loop: ${gcs} collections, ${gcMs.toFixed(1)} ms (${((gcMs * 1e6) / wallNs * 100).toFixed(1)}% of ${(wallNs / 1e6).toFixed(0)} ms, JSON.parse included)`);
  if (sink === 0) console.log('');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
