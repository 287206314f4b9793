/**
 * The test API server as a child process of `npm run bench:cache`, so that the objects it stores do not count
 * in the benchmark's heap. Fills itself with the Ingress workload plus Pods, then prints its kubeconfig path.
 * Run as `node dist/bench/apiserver-child.js` with BENCH_NAMESPACES, BENCH_INGRESSES and BENCH_PODS.
 */
import { startFakeApiServer } from '../test/support/fake-apiserver/index.js';
import { cluster } from './ingress-workload.js';

const PODS = Number(process.env.BENCH_PODS ?? 100000);
const INGRESSES = { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true, statusSubresource: true, custom: false };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const POD = { group: '', version: 'v1', resource: 'pods' };

const server = await startFakeApiServer({ resources: [INGRESSES] });
const namespaces: string[] = [];
for (const o of cluster()) {
  if (o.kind === 'Namespace') {
    namespaces.push(o.metadata.name ?? '');
    server.put(NAMESPACES, o as never);
  } else server.put(INGRESSES, o as never);
}
for (let i = 0; i < PODS; i++) {
  const namespace = namespaces[i % namespaces.length];
  server.put(POD, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace, labels: { app: 'web', 'pod-template-hash': '5d8f9c7b6d' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f9c7b6d', uid: `rs-${i % 500}`, controller: true }] },
    spec: { containers: [{ name: 'web', image: 'registry.example.com/shop/web:2.31.0', ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    status: { phase: 'Running', podIP: `10.1.${(i >> 8) & 255}.${i & 255}` },
  });
}
process.stdout.write(`${server.kubeconfigPath}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
