/** ajv errors -> one readable reason per problem, with a dotted path (`spec.rules[0].validate`). */
import type { ErrorObject } from 'ajv';
import { isRecord } from '../../api/json.js';

export interface SchemaIssue {
  /** Dotted path; empty for the document itself. */
  path: string;
  reason: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

export function appendPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** JSON pointer `/spec/rules/0/validate` -> `spec.rules[0].validate` (all-digit segments are array indexes). */
export function pointerToPath(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, seg) => appendPath(path, /^\d+$/.test(seg) ? Number(seg) : seg), '');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return String(value);
}

function typeName(type: unknown): string {
  const names: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', boolean: 'a boolean', integer: 'an integer', number: 'a number' };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => (typeof t === 'string' ? names[t] ?? t : String(t))).join(' or ');
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggestion(unknown: string, parentSchema: unknown): string {
  if (!isRecord(parentSchema) || !isRecord(parentSchema.properties)) return '';
  const known = Object.keys(parentSchema.properties);
  const best = known
    .map((k) => ({ k, d: distance(unknown, k) }))
    .filter(({ d }) => d <= 2)
    .sort((x, y) => x.d - y.d)[0];
  return best ? ` (did you mean "${best.k}"?)` : '';
}

function param(e: ErrorObject, name: string): unknown {
  const params: unknown = e.params;
  return isRecord(params) ? params[name] : undefined;
}

function issueFor(e: ErrorObject): SchemaIssue {
  const path = pointerToPath(e.instancePath);
  switch (e.keyword) {
    case 'required':
      return { path: appendPath(path, String(param(e, 'missingProperty'))), reason: 'is required' };
    case 'additionalProperties': {
      const field = String(param(e, 'additionalProperty'));
      return { path: appendPath(path, field), reason: `unknown field${suggestion(field, e.parentSchema)}` };
    }
    case 'enum': {
      const allowed = param(e, 'allowedValues');
      const list = Array.isArray(allowed) ? allowed.map(String).join(', ') : '';
      return { path, reason: `must be one of ${list} (got ${describe(e.data)})` };
    }
    case 'const':
      return { path, reason: `must be ${describe(param(e, 'allowedValue'))} (got ${describe(e.data)})` };
    case 'type':
      return { path, reason: `must be ${typeName(param(e, 'type'))} (got ${describe(e.data)})` };
    case 'minItems':
      return { path, reason: param(e, 'limit') === 1 ? 'must not be empty' : `must have at least ${String(param(e, 'limit'))} items` };
    case 'minLength':
      return { path, reason: param(e, 'limit') === 1 ? 'must not be empty' : `must be at least ${String(param(e, 'limit'))} characters` };
    case 'maxLength':
      return { path, reason: `must be at most ${String(param(e, 'limit'))} characters` };
    case 'uniqueItemNames': {
      const index = param(e, 'index');
      return { path: typeof index === 'number' ? appendPath(appendPath(path, index), 'name') : path, reason: e.message ?? 'duplicate name' };
    }
    default:
      return { path, reason: e.message ?? `fails ${e.keyword}` };
  }
}

/** Deduplicated issues in document order (ajv reports the same problem once per failing keyword). */
export function schemaIssues(errors: readonly ErrorObject[]): SchemaIssue[] {
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const e of errors) {
    const issue = issueFor(e);
    const key = `${issue.path}\u0000${issue.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
