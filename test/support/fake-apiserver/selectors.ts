/**
 * Label and field selectors in their query-string form: `a=b,c!=d,e in (x,y),f notin (z),g,!h`.
 * Field selectors support `metadata.name` and `metadata.namespace`, as for every resource of the real server.
 */
import type { JsonObject } from '../../../src/api/json.js';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'absent'; key: string };

export type Selector = (fields: Readonly<Record<string, string>>) => boolean;

export type SelectorParse = { ok: true; matches: Selector } | { ok: false; reason: string };

/** Splits at commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') terms.push(current.trim());
  return terms.filter((t) => t !== '');
}

function parseTerm(term: string): Requirement | string {
  const set = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) return { op: set[2] === 'in' ? 'in' : 'notin', key: set[1], values: set[3].split(',').map((v) => v.trim()) };
  const neq = /^([^\s!=()]+)\s*!=\s*([^\s!=()]*)$/.exec(term);
  if (neq) return { op: 'neq', key: neq[1], value: neq[2] };
  const eq = /^([^\s!=()]+)\s*==?\s*([^\s!=()]*)$/.exec(term);
  if (eq) return { op: 'eq', key: eq[1], value: eq[2] };
  const absent = /^!\s*([^\s!=()]+)$/.exec(term);
  if (absent) return { op: 'absent', key: absent[1] };
  if (/^[^\s!=()]+$/.test(term)) return { op: 'exists', key: term };
  return `unable to parse requirement: ${term}`;
}

function holds(r: Requirement, fields: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(fields, r.key);
  const value = has ? fields[r.key] : undefined;
  switch (r.op) {
    case 'eq':
      return value === r.value;
    case 'neq':
      return value !== r.value;
    case 'in':
      return value !== undefined && r.values.includes(value);
    case 'notin':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case 'absent':
      return !has;
  }
}

export function parseSelector(text: string | undefined): SelectorParse {
  if (text === undefined || text.trim() === '') return { ok: true, matches: () => true };
  const requirements: Requirement[] = [];
  for (const term of splitTerms(text)) {
    const r = parseTerm(term);
    if (typeof r === 'string') return { ok: false, reason: r };
    requirements.push(r);
  }
  return { ok: true, matches: (fields) => requirements.every((r) => holds(r, fields)) };
}

export function labelsOf(object: JsonObject & { metadata: JsonObject }): Record<string, string> {
  const labels = object.metadata.labels;
  const out: Record<string, string> = {};
  if (typeof labels === 'object' && labels !== null && !Array.isArray(labels)) {
    for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export function fieldsOf(object: JsonObject & { metadata: JsonObject }): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof object.metadata.name === 'string') out['metadata.name'] = object.metadata.name;
  out['metadata.namespace'] = typeof object.metadata.namespace === 'string' ? object.metadata.namespace : '';
  return out;
}
