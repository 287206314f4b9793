/**
 * Cache benchmark (`npm run bench:cache`): the cluster cache replicating 50,000 Ingresses across 1,000
 * namespaces and 100,000 Pods from the test API server (a child process, so its objects stay out of this
 * heap). Prints the time to sync, heap bytes per cached object, and p50/p99 of the shipped Ingress host
 * conflict and allow-list policies per AdmissionReview, answered from the cache.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createClusterCache } from '../src/cluster/index.js';
import { INGRESSES, ITERATIONS, load, NAMESPACES, review, run } from './ingress-workload.js';

const PODS = Number(process.env.BENCH_PODS ?? 100000);
const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function startApiServer(): Promise<{ kubeconfigPath: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--max-old-space-size=4096', resolve('dist/bench/apiserver-child.js')], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_PODS: String(PODS) } });
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`test API server exited with ${code}`)));
  });
  return { kubeconfigPath: line.trim(), stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  if (!gc) console.log('(run with --expose-gc for exact heap figures)');
  console.log(`Tollgate cache benchmark (node ${process.version})`);
  console.log(`  ${INGRESSES.toLocaleString('en-US')} Ingresses in ${NAMESPACES.toLocaleString('en-US')} namespaces, ${PODS.toLocaleString('en-US')} Pods\n`);
  const api = await startApiServer();
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(api.kubeconfigPath);
    const [conflict, allowlist] = await Promise.all([load('ingress-host-conflict.yaml'), load('ingress-host-allowlist.yaml')]);
    const bodies = Array.from({ length: 4096 }, (_, i) => JSON.stringify(review(i)));

    const before = heapUsed();
    const cache = createClusterCache({ kubeConfig });
    const ingresses = { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' };
    const pods = { group: '', version: 'v1', resource: 'pods' };
    cache.setKinds([ingresses, pods]);
    const t0 = performance.now();
    await cache.start();
    while (!cache.ready()) await new Promise((r) => setTimeout(r, 20));
    const syncMs = performance.now() - t0;
    const after = heapUsed();
    const counts = cache.status().map((s) => `${s.ref.resource} ${s.objects.toLocaleString('en-US')}`).join(', ');
    const objects = cache.status().reduce((n, s) => n + s.objects, 0);
    console.log(`sync from the test API server: ${(syncMs / 1000).toFixed(2)} s (${counts})`);
    console.log(`heap: ${((after - before) / 1024 / 1024).toFixed(1)} MiB for ${objects.toLocaleString('en-US')} objects, ${Math.round((after - before) / objects).toLocaleString('en-US')} bytes per cached object`);

    // Heap per Ingress on its own: a cache of the Ingresses only.
    await cache.stop();
    const base2 = heapUsed();
    const only = createClusterCache({ kubeConfig });
    only.setKinds([ingresses]);
    await only.start();
    while (!only.ready()) await new Promise((r) => setTimeout(r, 20));
    const ingressCount = only.status().find((s) => s.ref.resource === 'ingresses')?.objects ?? 0;
    const namespaceCount = only.status().find((s) => s.ref.resource === 'namespaces')?.objects ?? 0;
    console.log(`heap per cached Ingress (Ingresses and Namespaces only): ${Math.round((heapUsed() - base2) / (ingressCount + namespaceCount)).toLocaleString('en-US')} bytes\n`);

    console.log(`checks per AdmissionReview, answered from the cache (${ITERATIONS.toLocaleString('en-US')} fresh reviews each):`);
    run('ingress-host-conflict', conflict, only.snapshot, bodies);
    run('ingress-host-allowlist', allowlist, only.snapshot, bodies);
    await only.stop();
  } finally {
    api.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
