/**
 * The Ingress workload shared by the cross-resource benchmarks: namespaces whose allow-list covers their own
 * subdomain, Ingresses with two hosts each, and fresh Ingress AdmissionReviews of which one in four
 * conflicts with another namespace's host and one in four leaves the allow-list.
 */
import { resolve } from 'node:path';
import type { AdmissionRequest, AdmissionReview } from '../src/api/admission.js';
import type { KubeObject } from '../src/api/kube.js';
import type { LoadedPolicy } from '../src/api/policy.js';
import type { ClusterSnapshot } from '../src/api/snapshot.js';
import { evaluate } from '../src/engine/index.js';
import { loadPolicyFiles } from '../src/policy/index.js';
import { micros, summarize } from './stats.js';

export const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 1000);
export const INGRESSES = Number(process.env.BENCH_INGRESSES ?? 50000);
export const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20000);
const env = { now: () => Date.now(), random: Math.random };

export const nsName = (i: number): string => `team-${String(i).padStart(4, '0')}`;

export function ingress(namespace: string, name: string, hosts: readonly string[]): KubeObject {
  const backend = { service: { name: 'web', port: { number: 80 } } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, labels: { app: name } },
    spec: { ingressClassName: 'nginx', rules: hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } })) },
  } as KubeObject;
}

/** Every namespace allows its own subdomain; every Ingress has two hosts under it. */
export function cluster(): KubeObject[] {
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
export function review(i: number): AdmissionReview {
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

export async function load(file: string): Promise<LoadedPolicy[]> {
  const { policies, errors } = await loadPolicyFiles([resolve('policies', file)]);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return policies;
}

export const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;

export function run(label: string, policies: readonly LoadedPolicy[], snapshot: ClusterSnapshot, bodies: readonly string[]): void {
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

