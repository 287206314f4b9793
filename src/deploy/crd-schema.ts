/**
 * Our policy JSON Schema (ajv) -> a Kubernetes structural OpenAPI v3 schema for the CRDs. The API server then
 * rejects malformed policies itself and `kubectl explain` can walk the fields. Structural rules applied:
 * every node has a type; free-form user data (patterns, values) keeps unknown fields; no `additionalProperties:
 * false`, `const` or union types; our custom keywords become their standard equivalents where one exists.
 */
import type { JsonSchema } from '../policy/schema/index.js';

export type OpenApiSchema = { [key: string]: unknown };

const PRESERVE = 'x-kubernetes-preserve-unknown-fields';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function typeOfValues(values: readonly unknown[]): string | undefined {
  const types = new Set(values.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)));
  if (types.size !== 1) return undefined;
  const [t] = [...types];
  return t === 'string' || t === 'boolean' || t === 'integer' || t === 'number' ? t : undefined;
}

/** `exactlyOneOf: [a, b]` -> `oneOf: [{required: [a]}, {required: [b]}]`: exactly one branch holds. */
function exactlyOne(fields: readonly string[]): OpenApiSchema {
  return { oneOf: fields.map((f) => ({ required: [f] })) };
}

/** `atMostOneOf: [a, b, c]` -> no two of the fields together. */
function atMostOne(fields: readonly string[]): OpenApiSchema {
  const pairs: OpenApiSchema[] = [];
  fields.forEach((a, i) => fields.slice(i + 1).forEach((b) => pairs.push({ required: [a, b] })));
  return pairs.length === 0 ? {} : { not: { anyOf: pairs } };
}

function objectNode(schema: JsonSchema, description: Descriptions, path: string): OpenApiSchema {
  const out: OpenApiSchema = { type: 'object' };
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toStructural(isRecord(v) ? v : {}, description, `${path}.${k}`)]));
  }
  if (isRecord(schema.additionalProperties)) out.additionalProperties = toStructural(schema.additionalProperties, description, `${path}.*`);
  // An object with no declared fields holds user data: without this the API server would prune it empty.
  if (!properties && !isRecord(schema.additionalProperties)) out[PRESERVE] = true;
  const required = stringList(schema.required);
  if (required.length > 0) out.required = required;
  const exactly = stringList(schema.exactlyOneOf);
  const atMost = stringList(schema.atMostOneOf);
  const constraints = [exactly.length > 0 ? exactlyOne(exactly) : {}, atMost.length > 0 ? atMostOne(atMost) : {}].filter((c) => Object.keys(c).length > 0);
  if (constraints.length === 1) Object.assign(out, constraints[0]);
  else if (constraints.length > 1) out.allOf = constraints;
  return out;
}

function arrayNode(schema: JsonSchema, description: Descriptions, path: string): OpenApiSchema {
  const items = isRecord(schema.items) ? toStructural(schema.items, description, `${path}[]`) : { [PRESERVE]: true };
  const out: OpenApiSchema = { type: 'array', items };
  for (const k of ['minItems', 'maxItems']) if (typeof schema[k] === 'number') out[k] = schema[k];
  // Unique rule names: a list-map keyed by name (the key must be required in every item).
  if (schema.uniqueItemNames === true && stringList(items.required).includes('name')) {
    out['x-kubernetes-list-type'] = 'map';
    out['x-kubernetes-list-map-keys'] = ['name'];
  }
  return out;
}

const SCALAR_KEYWORDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format'];

/** Field descriptions by dotted path (`spec.rules[].match`), shown by `kubectl explain`. */
export type Descriptions = Readonly<Record<string, string>>;

export function toStructural(schema: JsonSchema, descriptions: Descriptions = {}, path = ''): OpenApiSchema {
  const type = schema.type;
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  let out: OpenApiSchema;
  if (type === 'object') out = objectNode(schema, descriptions, path);
  else if (type === 'array') out = arrayNode(schema, descriptions, path);
  else if (typeof type === 'string') {
    out = { type };
    for (const k of SCALAR_KEYWORDS) if (schema[k] !== undefined) out[k] = schema[k];
  } else if (values && typeOfValues(values)) out = { type: typeOfValues(values) };
  // Free-form user data, or a union of types (v1 conditions are a list or an {any, all} object).
  else out = { [PRESERVE]: true };
  if (values && out.type !== undefined) out.enum = values;
  const text = descriptions[path.replace(/^\./, '')];
  return text ? { description: text, ...out } : out;
}
