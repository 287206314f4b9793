/**
 * Background scan benchmark (`npm run bench:scan`): 10,000 Pods in 40 namespaces (a share of them violate the
 * Pod Security Standards) scanned with the PSS policies of the conformance corpus from an in-memory cache,
 * while a simulated admission request is evaluated every ~1 ms on the same thread. Prints the scan time,
 * results per second, peak heap, the report objects the results make, and the admission latency during the scan.
 * Targets: full scan < 5 s, admission p99 during the scan < 20 ms, no report object over 1 MiB.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AdmissionRequest, AdmissionReview } from '../src/api/admission.js';
import type { KubeObject } from '../src/api/kube.js';
import type { LoadedPolicy } from '../src/api/policy.js';
import type { ReportEntry } from '../src/api/report.js';
import { EMPTY_SNAPSHOT } from '../src/api/snapshot.js';
import type { KindRef } from '../src/cluster/cache/index.js';
import { evaluate } from '../src/engine/index.js';
import { buildPolicyIndex, candidatePolicies, loadPolicyFiles } from '../src/policy/index.js';
import { backgroundScanner, scanKinds } from '../src/report/background/index.js';
import { buildReports, jsonSize } from '../src/report/index.js';
import { podReview } from './fixtures.js';
import { summarize } from './stats.js';

const CORPUS = resolve(process.env.TOLLGATE_CONFORMANCE ?? '../shared/conformance/kyverno-policies');
const PODS = Number(process.env.BENCH_PODS ?? 10000);
const NAMESPACES = 40;
const MIB = 1024 * 1024;
const env = { now: () => Date.now(), random: Math.random };

async function loadPss(): Promise<LoadedPolicy[]> {
  const dirs = readdirSync(CORPUS).filter((d) => d.startsWith('pod-security__')).map((d) => join(CORPUS, d));
  const { policies, errors } = await loadPolicyFiles(dirs);
  if (errors.length > 0) throw new Error(`policy errors:\n${errors.map((e) => e.message).join('\n')}`);
  return policies;
}

type Json = Record<string, unknown>;

/** The fixture Pod, varied per index: namespace, names, labels, container count, and (for some) a PSS violation. */
function pod(i: number): KubeObject {
  const base = structuredClone(podReview(i).request?.object) as KubeObject & { spec: Json & { containers: Json[]; volumes: Json[]; securityContext: Json } };
  const namespace = `team-${i % NAMESPACES}`;
  const app = `app-${i % 97}`;
  base.metadata = { ...base.metadata, name: `${app}-${i.toString(36)}`, namespace, uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, labels: { 'app.kubernetes.io/name': app, 'pod-template-hash': (i * 7919).toString(16) } };
  if (i % 5 === 0) base.spec.containers = base.spec.containers.slice(0, 1);
  const c = base.spec.containers[0] as Json & { securityContext: Json };
  // About a quarter of the Pods break one PSS control or another, as real clusters do.
  switch (i % 16) {
    case 1: c.securityContext = { ...c.securityContext, privileged: true }; break;
    case 3: base.spec.hostNetwork = true; c.ports = [{ containerPort: 8080, hostPort: 8080 }]; break;
    case 5: c.securityContext = { ...c.securityContext, capabilities: { add: ['NET_ADMIN', 'SYS_TIME'] } }; break;
    case 7: base.spec.volumes = [...base.spec.volumes, { name: 'host', hostPath: { path: '/var/log' } }]; break;
    case 9: base.spec.securityContext = { fsGroup: 2000 }; c.securityContext = { allowPrivilegeEscalation: true }; break;
    case 11: base.spec.securityContext = { ...base.spec.securityContext, sysctls: [{ name: 'kernel.msgmax', value: '65536' }] }; break;
    default: break;
  }
  return base;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const policies = await loadPss();
  const pods = Array.from({ length: PODS }, (_, i) => pod(i));
  const kinds = scanKinds(policies);
  const objects = new Map<string, readonly KubeObject[]>([['/v1/pods', pods]]);
  const cache = {
    snapshot: EMPTY_SNAPSHOT,
    list: (ref: KindRef) => objects.get(`${ref.group}/${ref.version}/${ref.resource}`) ?? [],
    onChange: () => () => undefined,
  };
  const state = new Map<string, readonly ReportEntry[]>();
  const sink = {
    record(resourceKey: string, policy: string, entries: readonly ReportEntry[]) {
      if (entries.length > 0) state.set(`${resourceKey}\u0000${policy}`, entries);
      else state.delete(`${resourceKey}\u0000${policy}`);
    },
    forgetResource: () => undefined,
  };
  const scanner = backgroundScanner({ cache, policies: () => policies, subscribePolicies: () => () => undefined, sink, isLeader: () => true, env });

  // The admission side: the same policies through the index, one freshly parsed Pod review per request.
  const index = buildPolicyIndex(policies);
  const bodies = Array.from({ length: 64 }, (_, i) => JSON.stringify(podReview(i)));
  const admit = (i: number): void => {
    const request = (JSON.parse(bodies[i % bodies.length]) as AdmissionReview).request as AdmissionRequest;
    evaluate({ request, policies: candidatePolicies(index, request.kind.kind, request.operation, request.namespace), snapshot: EMPTY_SNAPSHOT, env });
  };
  for (let i = 0; i < 2000; i++) admit(i);

  console.log(`Tollgate background scan benchmark (node ${process.version}, one thread)`);
  console.log(`  ${policies.length} PSS policies (${policies.reduce((n, lp) => n + lp.rules.length, 0)} rules with autogen), ${PODS.toLocaleString('en-US')} Pods in ${NAMESPACES} namespaces, scan kinds: ${kinds.map((k) => k.resource).join(', ')}\n`);

  const latencies: number[] = [];
  let peakHeap = process.memoryUsage().heapUsed;
  let scanning = true;
  let n = 0;
  const arrive = (): void => {
    const due = performance.now() + 1;
    setTimeout(() => {
      // Latency from when the request was due: the wait for the scan's slice to end counts.
      admit(n++);
      latencies.push(performance.now() - due);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (scanning) arrive();
    }, 1);
  };
  arrive();
  const t0 = performance.now();
  const summary = await scanner.scanAll();
  const totalMs = performance.now() - t0;
  scanning = false;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  await scanner.stop();

  const entries = [...state.values()].flat();
  const counts = entries.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.result]: (acc[e.result] ?? 0) + 1 }), {});
  const tb = performance.now();
  const reports = buildReports(entries);
  const buildMs = performance.now() - tb;
  const sizes = reports.map((r) => jsonSize(r));
  const largest = Math.max(0, ...sizes);
  const lat = summarize(latencies.map((ms) => ms * 1e6), 1);
  const sorted = Float64Array.from(latencies).sort();

  console.log(`full scan:   ${(totalMs / 1000).toFixed(2)} s for ${summary.resources.toLocaleString('en-US')} Pods (${summary.completed ? 'completed' : `stopped: ${summary.reason}`}), ${summary.yields.toLocaleString('en-US')} yields`);
  console.log(`results:     ${summary.entries.toLocaleString('en-US')} (${Math.round(summary.entries / (totalMs / 1000)).toLocaleString('en-US')} /s, ${Math.round(summary.resources / (totalMs / 1000)).toLocaleString('en-US')} Pods/s)   ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`peak heap:   ${(peakHeap / MIB).toFixed(0)} MiB (heapUsed sampled during the scan)`);
  console.log(`reports:     ${reports.length} objects (${reports.filter((r) => r.kind === 'PolicyReport').length} PolicyReports), largest ${(largest / 1024).toFixed(0)} KiB, built in ${buildMs.toFixed(0)} ms`);
  console.log(`admission:   ${latencies.length.toLocaleString('en-US')} requests during the scan, p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms, max ${(lat.max / 1e6).toFixed(2)} ms`);
  const ok = totalMs < 5000 && percentile(sorted, 0.99) < 20 && largest <= MIB;
  console.log(`\ntargets (scan < 5 s, admission p99 < 20 ms, report <= 1 MiB): ${ok ? 'met' : 'NOT met'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
