/**
 * Engine benchmark (`npm run bench:engine`): the Pod Security Standards policies from the conformance corpus
 * against realistic Pod and Deployment AdmissionReviews, and an unmatched kind with 1,000 policies loaded.
 * Prints throughput, p50/p90/p99 per evaluation, and the ratio to JSON.parse of the same body.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AdmissionRequest, AdmissionReview } from '../src/api/admission.js';
import type { LoadedPolicy } from '../src/api/policy.js';
import { EMPTY_SNAPSHOT } from '../src/api/snapshot.js';
import { evaluate } from '../src/engine/index.js';
import { buildPolicyIndex, candidatePolicies, loadPolicyFiles } from '../src/policy/index.js';
import { configMapReview, deploymentReview, podReview } from './fixtures.js';
import { measure, micros, summarize } from './stats.js';

const CORPUS = resolve(process.env.TOLLGATE_CONFORMANCE ?? '../shared/conformance/kyverno-policies');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20000);
const env = { now: () => Date.now(), random: Math.random };

async function loadPss(): Promise<LoadedPolicy[]> {
  const dirs = readdirSync(CORPUS).filter((d) => d.startsWith('pod-security__')).map((d) => join(CORPUS, d));
  const { policies, errors } = await loadPolicyFiles(dirs);
  if (errors.length > 0) throw new Error(`policy errors:\n${errors.map((e) => e.message).join('\n')}`);
  return policies;
}

function bench(label: string, policies: readonly LoadedPolicy[], make: (i: number) => AdmissionReview, useIndex: boolean): void {
  const bodies = Array.from({ length: 64 }, (_, i) => JSON.stringify(make(i)));
  const reviews = bodies.map((b) => JSON.parse(b) as AdmissionReview);
  const index = buildPolicyIndex(policies);
  const run = (req: AdmissionRequest): number => {
    const selected = useIndex ? candidatePolicies(index, req.kind.kind, req.operation, req.namespace) : policies;
    return evaluate({ request: req, policies: selected, snapshot: EMPTY_SNAPSHOT, env }).policies.length;
  };
  // Warm up the JIT and the expression caches.
  for (let i = 0; i < 2000; i++) run(reviews[i % reviews.length].request as AdmissionRequest);
  const parse = measure(ITERATIONS, (i) => {
    if (!(JSON.parse(bodies[i % bodies.length]) as AdmissionReview).request) throw new Error('no request');
  });
  // Every evaluation gets a freshly parsed request, as the server does: nothing may be cached per object.
  let matched = 0;
  const samples = new Float64Array(ITERATIONS);
  let totalNs = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const request = (JSON.parse(bodies[i % bodies.length]) as AdmissionReview).request as AdmissionRequest;
    const t0 = process.hrtime.bigint();
    matched += run(request);
    samples[i] = Number(process.hrtime.bigint() - t0);
    totalNs += samples[i];
  }
  const ev = { samples, totalNs };
  const p = summarize(parse.samples, parse.totalNs);
  const e = summarize(ev.samples, ev.totalNs);
  console.log(`${label}`);
  console.log(`  policies: ${policies.length}, rules: ${policies.reduce((n, lp) => n + lp.rules.length, 0)}, body: ${bodies[0].length} bytes, iterations: ${ITERATIONS}`);
  console.log(`  evaluate:   ${Math.round(e.perSecond).toLocaleString('en-US')} /s   mean ${micros(e.mean)}   p50 ${micros(e.p50)}   p90 ${micros(e.p90)}   p99 ${micros(e.p99)}   max ${micros(e.max)}`);
  console.log(`  JSON.parse: ${Math.round(p.perSecond).toLocaleString('en-US')} /s   p50 ${micros(p.p50)}   p99 ${micros(p.p99)}`);
  console.log(`  ratio evaluate/JSON.parse: p50 ${(e.p50 / p.p50).toFixed(2)}x   p99 ${(e.p99 / p.p99).toFixed(2)}x   (policies with results per request: ${(matched / ITERATIONS).toFixed(1)})`);
}

function manyPolicies(base: readonly LoadedPolicy[], n: number): LoadedPolicy[] {
  const out: LoadedPolicy[] = [];
  for (let i = 0; out.length < n; i++) {
    const lp = base[i % base.length];
    const name = `${lp.policy.metadata.name}-${i}`;
    out.push({ ...lp, key: name, policy: { ...lp.policy, metadata: { ...lp.policy.metadata, name } } });
  }
  return out;
}

async function main(): Promise<void> {
  const pss = await loadPss();
  console.log(`Tollgate engine benchmark (node ${process.version}, one thread)\n`);
  bench('Pod CREATE, PSS policies (index)', pss, podReview, true);
  bench('Deployment CREATE, PSS policies via autogen (index)', pss, deploymentReview, true);
  const many = manyPolicies(pss, 1000);
  bench('ConfigMap CREATE (no policy matches), 1,000 policies (index)', many, configMapReview, true);
  bench('ConfigMap CREATE (no policy matches), 1,000 policies (no index: match per rule)', many, configMapReview, false);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
