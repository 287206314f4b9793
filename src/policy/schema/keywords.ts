/**
 * Custom ajv keywords for Kyverno's "exactly one of" style constraints. Each reports ONE error with a
 * readable message, where `oneOf`/`not` would report a pile of branch failures.
 */
import type { Ajv, SchemaValidateFunction, ErrorObject, KeywordDefinition } from 'ajv';
import { isRecord } from '../../api/json.js';

type KeywordError = Partial<ErrorObject>;

function present(data: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((f) => data[f] !== undefined && data[f] !== null);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function fieldCountKeyword(keyword: string, check: (found: number) => boolean, reason: (fields: string[], found: string[]) => string): KeywordDefinition {
  const validate: SchemaValidateFunction = (schema: unknown, data: unknown) => {
    if (!isStringArray(schema) || !isRecord(data)) return true;
    const found = present(data, schema);
    if (check(found.length)) {
      validate.errors = [];
      return true;
    }
    const error: KeywordError = { keyword, message: reason(schema, found), params: { fields: schema, found } };
    validate.errors = [error];
    return false;
  };
  return { keyword, type: 'object', schemaType: 'array', errors: true, validate };
}

const listed = (fields: readonly string[]): string => fields.join(', ');
const foundNote = (found: readonly string[]): string => (found.length > 1 ? ` (found ${found.join(' and ')})` : '');

/** `exactlyOneOf: [a, b, c]`: exactly one of the fields is set. */
const exactlyOneOf = fieldCountKeyword('exactlyOneOf', (n) => n === 1, (fields, found) => `must have exactly one of ${listed(fields)}${foundNote(found)}`);

/** `atMostOneOf: [a, b]`: the fields exclude each other. */
const atMostOneOf = fieldCountKeyword('atMostOneOf', (n) => n <= 1, (fields, found) => `${listed(found)} cannot be used together (at most one of ${listed(fields)})`);

/** `uniqueItemNames: true` on an array of objects: no two items share a `name`. */
const uniqueItemNamesValidate: SchemaValidateFunction = (_schema: unknown, data: unknown) => {
  if (!Array.isArray(data)) return true;
  const seen = new Set<string>();
  const errors: KeywordError[] = [];
  data.forEach((item, i) => {
    if (!isRecord(item) || typeof item.name !== 'string') return;
    if (seen.has(item.name)) {
      // The item index goes in params: ajv prefixes only errors without an instancePath.
      errors.push({ keyword: 'uniqueItemNames', message: `duplicate name "${item.name}"`, params: { index: i, name: item.name } });
    }
    seen.add(item.name);
  });
  uniqueItemNamesValidate.errors = errors;
  return errors.length === 0;
};
const uniqueItemNames: KeywordDefinition = { keyword: 'uniqueItemNames', type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItemNamesValidate };

export function addPolicyKeywords(ajv: Ajv): void {
  for (const def of [exactlyOneOf, atMostOneOf, uniqueItemNames]) ajv.addKeyword(def);
  // Descriptive annotation used in messages; not a constraint.
  ajv.addKeyword({ keyword: 'x-kind', schemaType: 'string' });
}
