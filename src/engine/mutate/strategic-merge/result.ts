/** Internal result plumbing shared by the merge steps. */

/** Marks "this field / element is absent from the result" (deleted or never there). */
export const ABSENT: unique symbol = Symbol('absent');
export type Absent = typeof ABSENT;

export interface MergeFailure {
  readonly ok: false;
  readonly message: string;
  readonly path: string;
}

export type Step = { readonly ok: true; readonly value: unknown } | MergeFailure;

export function done(value: unknown): Step {
  return { ok: true, value };
}

export function fail(path: string, message: string): MergeFailure {
  return { ok: false, path: path === '' ? '/' : path, message };
}

/** Appends one reference token to a JSON pointer (RFC 6901 escaping). */
export function child(path: string, token: string | number): string {
  const text = typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
  return `${path}/${text}`;
}

export type NodeKind = 'map' | 'list' | 'scalar' | 'null';

export function nodeKind(value: unknown): NodeKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : 'scalar';
}

const KIND_NAMES: Record<NodeKind, string> = { map: 'a map', list: 'a list', scalar: 'a scalar', null: 'null' };

/** kyaml refuses to merge nodes of different kinds (map vs list vs scalar); so do we. */
export function kindMismatch(path: string, original: NodeKind, patch: NodeKind): MergeFailure {
  return fail(path, `cannot merge ${KIND_NAMES[patch]} from the patch into ${KIND_NAMES[original]}`);
}

export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
