/** The only file-system access of src/policy: expands paths into policy files and parses each. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadError } from './errors.js';
import { parsePolicies } from './parse.js';
import type { PolicyLoadResult } from './types.js';

const POLICY_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

function ioReason(err: unknown): string {
  const code = errorCode(err);
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Policy files under a directory, recursively, in a stable (sorted) order; hidden entries are skipped.
 * Symbolic links are followed (a ConfigMap volume mounts each key as a link into its hidden `..data`).
 */
async function collect(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const full = path.join(dir, entry.name);
    const isLink = entry.isSymbolicLink();
    const target = isLink ? await stat(full).catch(() => undefined) : undefined;
    if (entry.isDirectory() || target?.isDirectory()) await collect(full, out);
    else if ((entry.isFile() || target?.isFile()) && POLICY_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
}

/**
 * Loads every policy in the given files and directories. Explicitly named files are read whatever their
 * extension; unreadable paths become `io` errors and never stop the other files.
 */
export async function loadPolicyFiles(paths: readonly string[]): Promise<PolicyLoadResult> {
  const result: PolicyLoadResult = { policies: [], errors: [], ignored: [] };
  for (const p of paths) {
    const files: string[] = [];
    try {
      if ((await stat(p)).isDirectory()) await collect(p, files);
      else files.push(p);
    } catch (err) {
      result.errors.push(loadError({ kind: 'io', file: p, reason: ioReason(err) }));
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        result.errors.push(loadError({ kind: 'io', file, reason: ioReason(err) }));
        continue;
      }
      const parsed = parsePolicies(text, file);
      result.policies.push(...parsed.policies);
      result.errors.push(...parsed.errors);
      result.ignored.push(...parsed.ignored);
    }
  }
  return result;
}
