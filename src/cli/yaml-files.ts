/** Reading YAML/JSON input files: multi-document parsing with file:line errors, and expanding directories. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { UsageError } from './io.js';

/**
 * Kubernetes reads YAML into JSON: timestamps stay strings, so the core schema (no Date, no binary) plus merge keys.
 * `json: true` lets a later duplicate key win instead of failing, as the Go decoder does.
 */
const MERGE_KEY = new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<' });
const KUBE_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [MERGE_KEY] });

export interface YamlDocument {
  file: string;
  /** 1-based index among the file's non-empty documents. */
  index: number;
  value: unknown;
}

export type ParseYamlResult = { ok: true; documents: YamlDocument[] } | { ok: false; error: string };

/** Parses every document of a YAML (or JSON) text; empty documents are dropped. */
export function parseYamlDocuments(text: string, file: string): ParseYamlResult {
  const values: unknown[] = [];
  try {
    yaml.loadAll(text, (doc) => values.push(doc), { filename: file, schema: KUBE_YAML_SCHEMA, json: true });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const line = err.mark ? `:${err.mark.line + 1}` : '';
      return { ok: false, error: `${file}${line}: invalid YAML: ${err.reason}` };
    }
    return { ok: false, error: `${file}: invalid YAML: ${String(err)}` };
  }
  const documents = values.filter((v) => v !== null && v !== undefined).map((value, i) => ({ file, index: i + 1, value }));
  return { ok: true, documents };
}

/** Reads a file; missing or unreadable files become a UsageError naming the file. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT') throw new UsageError(`${file}: file not found`);
    if (code === 'EISDIR') throw new UsageError(`${file}: is a directory, expected a file`);
    throw new UsageError(`${file}: cannot read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function readYamlFile(file: string): Promise<YamlDocument[]> {
  const parsed = parseYamlDocuments(await readTextFile(file), file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.documents;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && YAML_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
}

/** Expands each path (file or directory, relative to `cwd`) into YAML files; directories are walked in name order. */
export async function expandYamlPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = (await stat(full)).isDirectory();
    } catch {
      throw new UsageError(`${p}: file or directory not found`);
    }
    if (!isDir) {
      files.push(full);
      continue;
    }
    const found: string[] = [];
    await walk(full, found);
    if (found.length === 0) throw new UsageError(`${p}: directory holds no .yaml, .yml or .json file`);
    files.push(...found);
  }
  return [...new Set(files)];
}
