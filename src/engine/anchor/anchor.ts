/**
 * Map-key anchors of Kyverno patterns and overlays: `(key)`, `X(key)`, `=(key)`, `^(key)`, `<(key)`, `+(key)`.
 * Shared by validate patterns and mutate overlays.
 */

export type AnchorKind = 'condition' | 'negation' | 'equality' | 'existence' | 'global' | 'addIfNotPresent';

export type Anchor =
  | { kind: 'condition'; key: string }
  | { kind: 'negation'; key: string }
  | { kind: 'equality'; key: string }
  | { kind: 'existence'; key: string }
  | { kind: 'global'; key: string }
  | { kind: 'addIfNotPresent'; key: string };

const MODIFIERS: Record<string, AnchorKind> = {
  X: 'negation',
  '=': 'equality',
  '^': 'existence',
  '<': 'global',
  '+': 'addIfNotPresent',
};

const PREFIX: Record<AnchorKind, string> = {
  condition: '',
  negation: 'X',
  equality: '=',
  existence: '^',
  global: '<',
  addIfNotPresent: '+',
};

/** The anchor a map key denotes, or undefined for a plain key (an empty key inside the parens is not an anchor). */
export function parseAnchor(rawKey: string): Anchor | undefined {
  const key = rawKey.trim();
  if (key.length < 2 || !key.endsWith(')')) return undefined;
  if (key.startsWith('(')) {
    const inner = key.slice(1, -1);
    return inner === '' ? undefined : { kind: 'condition', key: inner };
  }
  const kind = MODIFIERS[key[0]];
  if (kind === undefined || key[1] !== '(') return undefined;
  const inner = key.slice(2, -1);
  return inner === '' ? undefined : { kind, key: inner };
}

/** Writes an anchor back as a map key, e.g. `=(name)`. */
export function formatAnchor(anchor: Anchor): string {
  return `${PREFIX[anchor.kind]}(${anchor.key})`;
}

export function anchorKind(key: string): AnchorKind | undefined {
  return parseAnchor(key)?.kind;
}

/** Conditional or global anchor: the ones whose failure means "rule does not apply" rather than "violation". */
export function isConditionalAnchor(anchor: Anchor | undefined): boolean {
  return anchor !== undefined && (anchor.kind === 'condition' || anchor.kind === 'global');
}

/** The plain key an anchored or plain map key refers to in the resource. */
export function anchorKey(key: string): string {
  return parseAnchor(key)?.key ?? key;
}

/** Whether a pattern (at any depth) has an anchor key of one of the given kinds. */
export function hasNestedAnchors(pattern: unknown, kinds: readonly AnchorKind[]): boolean {
  if (Array.isArray(pattern)) return pattern.some((p) => hasNestedAnchors(p, kinds));
  if (typeof pattern !== 'object' || pattern === null) return false;
  for (const [k, v] of Object.entries(pattern)) {
    const a = parseAnchor(k);
    if (a !== undefined && kinds.includes(a.kind)) return true;
    if (hasNestedAnchors(v, kinds)) return true;
  }
  return false;
}
