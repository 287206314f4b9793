/**
 * Cross-resource benchmark (`npm run bench:cross`): the shipped Ingress host conflict and allow-list policies
 * evaluated by the engine against a file snapshot of 50,000 Ingresses in 1,000 namespaces. Every review is
 * freshly parsed. The first evaluation (which lists the Ingresses and builds the host map) is reported on its
 * own; the percentiles are for the evaluations after it, which reuse the projection until the list changes.
 */
import { resolve } from 'node:path';
import type { AdmissionRequest, AdmissionReview } from '../src/api/admission.js';
import type { KubeObject } from '../src/api/kube.js';
import type { LoadedPolicy } from '../src/api/policy.js';
import type { ClusterSnapshot } from '../src/api/snapshot.js';
import { createFileSnapshot } from '../src/cli/file-snapshot.js';
import { evaluate } from '../src/engine/index.js';
import { loadPolicyFiles } from '../src/policy/index.js';
import { micros, summarize } from './stats.js';

const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 1000);
const INGRESSES = Number(process.env.BENCH_INGRESSES ?? 50000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20000);
const env = { now: () => Date.now(), random: Math.random };

const nsName = (i: number): string => `team-${String(i).padStart(4, '0')}`;

function ingress(namespace: string, name: string, hosts: readonly string[]): KubeObject {
  const backend = { service: { name: 'web', port: { number: 80 } } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, labels: { app: name } },
    spec: { ingressClassName: 'nginx', rules: hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } })) },
  } as KubeObject;
}

/** Every namespace allows its own subdomain; every Ingress has two hosts under it. */
function cluster(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = nsName(n);
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, annotations: { 'ingress-whitelist': `*.${ns}.example.com, ${ns}.example.org` } } } as KubeObject);
  }
  for (let i = 0; i < INGRESSES; i++) {
    const ns = nsName(i % NAMESPACES);
    objects.push(ingress(ns, `app-${i}`, [`app-${i}.${ns}.example.com`, `www-${i}.${ns}.example.com`]));
  }
  return objects;
}

/**
 * Review i: a new Ingress in some namespace; one in four reuses the host of an Ingress in another namespace
 * (a conflict, and outside the allow-list), one in four uses a host outside the allow-list.
 */
function review(i: number): AdmissionReview {
  const ns = nsName((i * 7) % NAMESPACES);
  const hosts = [`new-${i}.${ns}.example.com`];
  if (i % 4 === 1) {
    const other = (i + 1) % INGRESSES;
    hosts.push(`app-${other}.${nsName(other % NAMESPACES)}.example.com`);
  } else if (i % 4 === 2) hosts.push(`new-${i}.elsewhere.example.net`);
  const object = ingress(ns, `new-${i}`, hosts);
  const request: AdmissionRequest = {
    uid: `uid-${i}`,
    kind: { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' },
    resource: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
    namespace: ns,
    name: `new-${i}`,
    operation: 'CREATE',
    userInfo: { username: 'alice' },
    object,
  };
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request };
}

async function load(file: string): Promise<LoadedPolicy[]> {
  const { policies, errors } = await loadPolicyFiles([resolve('policies', file)]);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return policies;
}

const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;

function run(label: string, policies: readonly LoadedPolicy[], snapshot: ClusterSnapshot, bodies: readonly string[]): void {
  const once = (i: number): { ns: number; failed: boolean } => {
    const request = (JSON.parse(bodies[i % bodies.length]) as AdmissionReview).request as AdmissionRequest;
    const t0 = process.hrtime.bigint();
    const result = evaluate({ request, policies, snapshot, env });
    const ns = Number(process.hrtime.bigint() - t0);
    const statuses = result.policies.flatMap((p) => p.rules.map((r) => r.status));
    if (statuses.includes('error')) throw new Error(`${label}: ${JSON.stringify(result.policies[0].rules)}`);
    return { ns, failed: statuses.includes('fail') };
  };
  const first = once(1);
  let denied = 0;
  const samples = new Float64Array(ITERATIONS);
  let totalNs = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const r = once(i);
    samples[i] = r.ns;
    totalNs += r.ns;
    if (r.failed) denied++;
  }
  const s = summarize(samples, totalNs);
  console.log(label);
  console.log(`  first evaluation (builds the projection): ${ms(first.ns)}`);
  console.log(`  then per review: p50 ${micros(s.p50)}   p90 ${micros(s.p90)}   p99 ${micros(s.p99)}   max ${micros(s.max)}   (${Math.round(s.perSecond).toLocaleString('en-US')} /s, denied ${denied} of ${ITERATIONS})`);
}

async function main(): Promise<void> {
  const [conflict, allowlist] = await Promise.all([load('ingress-host-conflict.yaml'), load('ingress-host-allowlist.yaml')]);
  const objects = cluster();
  const bodies = Array.from({ length: 4096 }, (_, i) => JSON.stringify(review(i)));
  console.log(`Tollgate cross-resource benchmark (node ${process.version}, one thread)`);
  console.log(`  ${INGRESSES.toLocaleString('en-US')} Ingresses in ${NAMESPACES.toLocaleString('en-US')} namespaces, ${ITERATIONS.toLocaleString('en-US')} fresh reviews per case\n`);

  // The list is built first and timed on its own (the server's cache always holds it), so the conflict
  // policy's first evaluation measures the projection alone.
  const listed = createFileSnapshot(objects);
  const t0 = process.hrtime.bigint();
  listed.apiGet('/apis/networking.k8s.io/v1/ingresses');
  console.log(`file snapshot: listing all Ingresses once takes ${ms(Number(process.hrtime.bigint() - t0))} (the server's cache keeps that list)\n`);

  run('ingress-host-conflict (first evaluation builds the host map of every Ingress)', conflict, listed, bodies);
  run('ingress-host-allowlist (first evaluation builds one namespace; the others are built on their first review)', allowlist, createFileSnapshot(objects), bodies);
  run('both policies together', [...conflict, ...allowlist], listed, bodies);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
