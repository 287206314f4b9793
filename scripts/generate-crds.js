/**
 * Writes the policy CRDs into a deploy directory (default deploy/): `node scripts/generate-crds.js [DIR]`.
 * Runs the compiled sources, so `npm run build` first (the deploy-manifests Make target does).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCrdFiles } from '../dist/src/deploy/index.js';

const out = path.resolve(process.argv[2] ?? 'deploy');
for (const file of renderCrdFiles()) {
  const target = path.join(out, file.path);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.content, 'utf8');
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
