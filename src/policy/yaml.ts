/** Multi-document YAML as Kubernetes reads it: plain JSON values, one bad document never hides the others. */
import { CORE_SCHEMA, Type, YAMLException, load, loadAll } from 'js-yaml';

/**
 * YAML 1.2 core types plus merge keys. Timestamps stay strings (as in Kubernetes manifests) so that every
 * value is JSON; the default js-yaml schema would turn `2024-01-01` into a Date.
 */
// The `<<` merge key, declared here because the type definitions do not expose js-yaml's own.
const MERGE = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<' || data === null });
const KUBE_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [MERGE] });

export type YamlDocument =
  | { ok: true; document: number; value: unknown }
  | { ok: false; document: number; line: number; reason: string };

/** Decoder options: `json: true` lets a later duplicate key win, as the Go decoder does. */
const OPTIONS = { schema: KUBE_YAML_SCHEMA, json: true };

/**
 * 1-based document numbers count non-empty documents only (as the CLI's input reader does), so a stray
 * `---` does not shift them. A document that does not parse still takes its number.
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  try {
    return loadAll(text, undefined, OPTIONS)
      .filter((value) => value !== null && value !== undefined)
      .map((value, i) => ({ ok: true, document: i + 1, value }));
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    return parseChunks(text);
  }
}

interface Chunk {
  text: string;
  /** 0-based line of the chunk's first line in the file. */
  startLine: number;
}

const MARKER = /^---(?=\s|$)/;

/** Split at `---` lines. A prefix holding only comments, blanks and directives is not a document. */
function splitDocuments(text: string): Chunk[] {
  const lines = text.split(/\r?\n/);
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let start = 0;
  let sawMarker = false;
  lines.forEach((line, i) => {
    if (MARKER.test(line)) {
      if (sawMarker || current.some((l) => !/^\s*(#.*|%.*)?$/.test(l))) chunks.push({ text: current.join('\n'), startLine: start });
      sawMarker = true;
      current = [line.slice(3)];
      start = i;
    } else {
      current.push(line);
    }
  });
  if (sawMarker || current.some((l) => !/^\s*(#.*|%.*)?$/.test(l))) chunks.push({ text: current.join('\n'), startLine: start });
  return chunks;
}

function parseChunks(text: string): YamlDocument[] {
  const out: YamlDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const document = out.length + 1;
    try {
      const value = load(chunk.text, OPTIONS);
      if (value !== null && value !== undefined) out.push({ ok: true, document, value });
    } catch (err) {
      if (!(err instanceof YAMLException)) throw err;
      out.push({ ok: false, document, line: chunk.startLine + err.mark.line + 1, reason: yamlReason(err) });
    }
  }
  return out;
}

/** js-yaml's `reason` without the code snippet it appends to `message`. */
function yamlReason(err: YAMLException): string {
  return `invalid YAML: ${err.reason}`;
}
