/**
 * Dotted paths (`request.operation`, `cm.data.key`) as used by values files and context entry names.
 * Setting is copy-on-write: objects shared with the caller or other rules are never mutated.
 */
import { isRecord } from '../../api/json.js';

export function withPath(root: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  return setIn(root, dotted.split('.'), 0, value);
}

function setIn(node: Record<string, unknown>, parts: string[], i: number, value: unknown): Record<string, unknown> {
  const key = parts[i];
  // Object.assign rather than spread: adding a key to a spread copy is a slow path in V8.
  const copy = Object.assign({}, node);
  if (i === parts.length - 1) {
    copy[key] = value;
    return copy;
  }
  const child = node[key];
  copy[key] = setIn(isRecord(child) ? child : {}, parts, i + 1, value);
  return copy;
}

/** Applies every `dotted.path: value` pair in order. */
export function withPaths(root: Record<string, unknown>, values: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!values) return root;
  let out = root;
  for (const [path, value] of Object.entries(values)) out = withPath(out, path, value);
  return out;
}
