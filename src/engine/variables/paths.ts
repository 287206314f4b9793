/** Field paths inside a substituted document, written the way Kyverno's traversal writes them. */
import { goPathClean } from '../values/index.js';

export type Segment = string | number;

/** `/a/b/0`, with `/` inside a key escaped as `\/` (as Kyverno's JSON traversal does). */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) out += '/' + (typeof s === 'number' ? String(s) : s.replaceAll('/', '\\/'));
  return out;
}

/** Splits a formatted path back into segments; all-digit segments become list indexes. */
export function parsePath(path: string): Segment[] {
  const parts = path.split(/(?<!\\)\//).filter((p) => p !== '');
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p.replaceAll('\\/', '/')));
}

/** A `$( )` reference path made absolute against the path of the field holding it. */
export function absoluteReferencePath(reference: string, fieldPath: string): string {
  if (reference.startsWith('/')) return reference;
  const joined = [fieldPath, reference].filter((p) => p !== '').join('/');
  return joined === '' ? '' : goPathClean(joined);
}

const ANCHOR = /^([+<=X^])?\((.+)\)$/;

/** Drops pattern anchors from every segment: `/spec/^(containers)/0/(name)` -> `/spec/containers/0/name`. */
export function removeAnchorsFromPath(path: string): string {
  const parts = path.split('/');
  if (parts[0] === '') parts.shift();
  const stripped = parts.map((p) => ANCHOR.exec(p)?.[2] ?? p).filter((p) => p !== '');
  const cleaned = stripped.length === 0 ? '' : goPathClean(stripped.join('/'));
  return path.startsWith('/') ? '/' + (cleaned === '.' ? '' : cleaned) : cleaned;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JMESPath expression selecting `segments` under `root` (e.g. `request.object.spec."my-key"[0]`). */
export function segmentsToJmespath(root: readonly string[], segments: readonly Segment[]): string {
  let out = root.join('.');
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += (out === '' ? '' : '.') + (IDENTIFIER.test(s) ? s : JSON.stringify(s));
  }
  return out;
}
