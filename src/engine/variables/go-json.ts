/**
 * JSON text as Go's encoding/json writes it, which is what Kyverno puts in place of a non-string
 * variable embedded in a longer string: object keys sorted, `<`, `>`, `&`, U+2028, U+2029 escaped.
 */
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

/** How a resolved value reads inside a longer string: strings as they are, everything else as Go JSON. */
export function embedText(value: unknown): string {
  return typeof value === 'string' ? value : goJson(value);
}
