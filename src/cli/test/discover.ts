/** Finding `kyverno-test.yaml` files under the given directories, in a deterministic order. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../io.js';

export const TEST_FILE_NAME = 'kyverno-test.yaml';

export interface DiscoveredCase {
  file: string;
  /** The case directory relative to the root it was found under (the root's own name when they are the same). */
  name: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(full, out);
    else if (entry.isFile() && entry.name === TEST_FILE_NAME) out.push(full);
  }
}

export function caseName(root: string, file: string): string {
  const rel = path.relative(root, path.dirname(file));
  return rel === '' ? path.basename(path.resolve(root)) : rel.split(path.sep).join('/');
}

export async function discoverCases(roots: readonly string[], cwd: string): Promise<DiscoveredCase[]> {
  const found = new Map<string, DiscoveredCase>();
  for (const root of roots) {
    const full = path.resolve(cwd, root);
    let isDir: boolean;
    try {
      isDir = (await stat(full)).isDirectory();
    } catch {
      throw new UsageError(`${root}: directory not found`);
    }
    const files: string[] = [];
    if (isDir) await walk(full, files);
    else files.push(full);
    if (files.length === 0) throw new UsageError(`${root}: no ${TEST_FILE_NAME} found`);
    const base = isDir ? full : path.dirname(path.dirname(full));
    for (const file of files) if (!found.has(file)) found.set(file, { file, name: caseName(base, file) });
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
