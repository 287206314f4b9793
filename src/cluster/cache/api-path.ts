/** Parsing Kubernetes REST paths (`/api/v1/namespaces/x/configmaps/y`, `/apis/apps/v1/deployments?labelSelector=a=b`). */

export type SelectorRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export interface ApiPath {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  /** Set for a GET of one object; absent for a list. */
  name?: string;
  labelSelector: SelectorRequirement[];
}

export type ParsedApiPath = { ok: true; value: ApiPath } | { ok: false; error: string };

/** Splits on commas outside parentheses: `a in (x,y),b` -> [`a in (x,y)`, `b`]. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseLabelSelector(text: string): SelectorRequirement[] | undefined {
  const out: SelectorRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(part);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
      out.push({ op: set[2] === 'in' ? 'in' : 'notin', key: set[1], values });
      continue;
    }
    const cmp = /^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/.exec(part);
    if (cmp) {
      out.push({ op: cmp[2] === '!=' ? 'neq' : 'eq', key: cmp[1], value: cmp[3] });
      continue;
    }
    if (/^![^!=\s]+$/.test(part)) out.push({ op: 'notexists', key: part.slice(1) });
    else if (/^[^!=\s()]+$/.test(part)) out.push({ op: 'exists', key: part });
    else return undefined;
  }
  return out;
}

export function matchesSelector(labels: Record<string, string> | undefined, selector: readonly SelectorRequirement[]): boolean {
  const get = (key: string): string | undefined => (labels && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined);
  return selector.every((req) => {
    const value = get(req.key);
    switch (req.op) {
      case 'eq': return value === req.value;
      case 'neq': return value !== req.value;
      case 'in': return value !== undefined && req.values.includes(value);
      case 'notin': return value === undefined || !req.values.includes(value);
      case 'exists': return value !== undefined;
      case 'notexists': return value === undefined;
    }
  });
}

export function parseApiPath(urlPath: string): ParsedApiPath {
  const q = urlPath.indexOf('?');
  const pathPart = q < 0 ? urlPath : urlPath.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : urlPath.slice(q + 1));
  const segments = pathPart.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else return { ok: false, error: `not a Kubernetes API path: ${urlPath}` };

  const selectorText = query.get('labelSelector');
  const labelSelector = selectorText === null ? [] : parseLabelSelector(selectorText);
  if (labelSelector === undefined) return { ok: false, error: `unsupported labelSelector: ${selectorText}` };

  const base = { group, version, labelSelector };
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    if (rest.length > 4) return { ok: false, error: `subresources are not served offline: ${urlPath}` };
    return { ok: true, value: { ...base, namespace: rest[1], resource: rest[2], ...(rest[3] !== undefined ? { name: rest[3] } : {}) } };
  }
  if (rest.length === 1) return { ok: true, value: { ...base, resource: rest[0] } };
  if (rest.length === 2) return { ok: true, value: { ...base, resource: rest[0], name: rest[1] } };
  return { ok: false, error: `unsupported Kubernetes API path: ${urlPath}` };
}
