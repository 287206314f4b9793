/**
 * Go's text for JSON-decoded values: `fmt.Sprint` (how Kyverno stringifies condition operands) and
 * encoding/json (how it writes a non-string variable into a longer string).
 */
import { isRecord } from '../../api/json.js';
import { goFormatFloat } from './go-format.js';

/** `fmt.Sprint` of a JSON-decoded value: floats use `%g` with Go's shortest form (`1e+06`, not `1000000`). */
export function goSprint(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFormatFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (isRecord(value)) {
    // Go prints maps with sorted keys.
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goSprint(value[k])}`).join(' ')}]`;
  }
  return String(value);
}

/** encoding/json.Marshal: object keys sorted; `<`, `>`, `&`, U+2028, U+2029 escaped. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return '[' + value.map((v) => goJson(v)).join(',') + ']';
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => quote(k) + ':' + goJson(v)).join(',') + '}';
  }
  return 'null';
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

function quote(s: string): string {
  return JSON.stringify(s).replace(HTML_UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
