/**
 * Cross-resource benchmark (`npm run bench:cross`): the shipped Ingress host conflict and allow-list policies
 * evaluated by the engine against a file snapshot of 50,000 Ingresses in 1,000 namespaces. Every review is
 * freshly parsed. The first evaluation (which lists the Ingresses and builds the host map) is reported on its
 * own; the percentiles are for the evaluations after it, which reuse the projection until the list changes.
 */
import { createFileSnapshot } from '../src/cli/file-snapshot.js';
import { cluster, INGRESSES, ITERATIONS, load, ms, NAMESPACES, review, run } from './ingress-workload.js';

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
