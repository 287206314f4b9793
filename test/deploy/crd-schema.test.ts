/**
 * The generated CRD schema: structural by Kubernetes' rules, and (checked with ajv, as the API server's
 * OpenAPI validation would) accepting every shipped and conformance policy while rejecting bad ones.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import yaml from 'js-yaml';
import { type OpenApiSchema, policyCrds, policyOpenApiSchema, toStructural } from '../../src/deploy/index.js';
import { loadPolicyFiles } from '../../src/policy/index.js';

const REPO = process.cwd();
const CONFORMANCE = path.resolve(REPO, '../shared/conformance/kyverno-policies');
const PRESERVE = 'x-kubernetes-preserve-unknown-fields';
const ALLOWED_NODE_KEYS = new Set([
  'type', 'properties', 'additionalProperties', 'items', 'required', 'enum', 'description', 'minLength', 'maxLength', 'minimum', 'maximum',
  'minItems', 'maxItems', 'pattern', 'format', 'oneOf', 'anyOf', 'allOf', 'not', PRESERVE, 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
]);
const VALUE_VALIDATION_KEYS = new Set(['required', 'oneOf', 'anyOf', 'allOf', 'not']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kubernetes' structural schema rules, as far as a generator can break them. */
function structuralProblems(node: unknown, at: string, inValidation = false): string[] {
  if (!isRecord(node)) return [`${at}: not an object`];
  const problems: string[] = [];
  for (const key of Object.keys(node)) {
    if (!(inValidation ? VALUE_VALIDATION_KEYS : ALLOWED_NODE_KEYS).has(key)) problems.push(`${at}: keyword ${key} not allowed here`);
  }
  if (!inValidation && node.type === undefined && node[PRESERVE] !== true) problems.push(`${at}: no type`);
  if (node.properties !== undefined && node.additionalProperties !== undefined) problems.push(`${at}: properties with additionalProperties`);
  if (node.additionalProperties === false) problems.push(`${at}: additionalProperties: false`);
  if (Array.isArray(node.enum) && typeof node.type === 'string') {
    for (const v of node.enum) if (typeof v !== (node.type === 'integer' ? 'number' : node.type)) problems.push(`${at}: enum value ${String(v)} is not ${String(node.type)}`);
  }
  if (node['x-kubernetes-list-type'] === 'map') {
    const items = isRecord(node.items) ? node.items : {};
    const keys = (node['x-kubernetes-list-map-keys'] ?? []) as string[];
    for (const k of keys) if (!((items.required ?? []) as string[]).includes(k)) problems.push(`${at}: list-map key ${k} not required`);
  }
  if (isRecord(node.properties)) for (const [k, v] of Object.entries(node.properties)) problems.push(...structuralProblems(v, `${at}.${k}`, inValidation));
  if (isRecord(node.additionalProperties)) problems.push(...structuralProblems(node.additionalProperties, `${at}.*`));
  if (node.items !== undefined) problems.push(...structuralProblems(node.items, `${at}[]`));
  for (const k of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(node[k])) (node[k] as unknown[]).forEach((v, i) => problems.push(...structuralProblems(v, `${at}.${k}[${i}]`, true)));
  if (node.not !== undefined) problems.push(...structuralProblems(node.not, `${at}.not`, true));
  return problems;
}

/** The API server's strict field validation (kubectl's default): unknown fields are errors unless preserved. */
function strictFields(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictFields);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'enum' ? v : strictFields(v)]));
  if (isRecord(node.properties) && node[PRESERVE] !== true) out.additionalProperties = false;
  return out;
}

function compile(schema: OpenApiSchema): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const keyword of [PRESERVE, 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys']) ajv.addKeyword(keyword);
  return ajv.compile(strictFields(schema) as object);
}

const validate = compile(policyOpenApiSchema());

function errorsOf(doc: unknown): string {
  return validate(doc) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
}

describe('CRD schema', () => {
  test('is structural', () => {
    expect(structuralProblems(policyOpenApiSchema(), 'root')).toEqual([]);
  });

  test('both CRDs: kyverno.io v1 served and stored, short names, printer columns, status subresource', () => {
    const { clusterPolicy, policy } = policyCrds();
    expect([clusterPolicy.spec.scope, policy.spec.scope]).toEqual(['Cluster', 'Namespaced']);
    expect([clusterPolicy.spec.names.shortNames, policy.spec.names.shortNames]).toEqual([['cpol'], ['pol']]);
    for (const crd of [clusterPolicy, policy]) {
      const [version] = crd.spec.versions;
      expect(version).toMatchObject({ name: 'v1', served: true, storage: true, subresources: { status: {} } });
      expect(version.additionalPrinterColumns.map((c) => c.name)).toEqual(['ACTION', 'BACKGROUND', 'READY', 'AGE']);
      expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.kyverno.io`);
    }
  });

  test('accepts every policy in policies/', async () => {
    const loaded = await loadPolicyFiles([path.join(REPO, 'policies')]);
    expect(loaded.policies.length).toBeGreaterThanOrEqual(4);
    for (const { policy } of loaded.policies) expect([policy.metadata.name, errorsOf(policy)]).toEqual([policy.metadata.name, '']);
  });

  test('accepts every kyverno.io/v1 conformance policy our loader accepts', async () => {
    const files = (await loadPolicyFiles([CONFORMANCE])).policies.map((p) => p.source?.file ?? '');
    let checked = 0;
    for (const file of [...new Set(files)]) {
      for (const doc of yaml.loadAll(readFileSync(file, 'utf8'))) {
        if (!isRecord(doc) || doc.apiVersion !== 'kyverno.io/v1' || (doc.kind !== 'ClusterPolicy' && doc.kind !== 'Policy')) continue;
        checked++;
        expect([file, errorsOf(doc)]).toEqual([file, '']);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  const base = { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' } };
  const rule = { name: 'r', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'm', pattern: { metadata: { labels: { a: '?*' } } } } };
  test.each<[string, unknown, RegExp]>([
    ['an unknown spec field', { spec: { rules: [rule], validationFailureActio: 'Enforce' } }, /\/spec must NOT have additional properties/],
    ['an unknown rule field', { spec: { rules: [{ ...rule, validat: {} }] } }, /\/spec\/rules\/0 must NOT have additional properties/],
    ['a bad failure action', { spec: { rules: [rule], validationFailureAction: 'Block' } }, /\/spec\/validationFailureAction must be equal to one of the allowed values/],
    ['a string timeout', { spec: { rules: [rule], webhookTimeoutSeconds: '10' } }, /\/spec\/webhookTimeoutSeconds must be integer/],
    ['a timeout over 30 s', { spec: { rules: [rule], webhookTimeoutSeconds: 60 } }, /\/spec\/webhookTimeoutSeconds must be <= 30/],
    ['a rule with validate and mutate', { spec: { rules: [{ ...rule, mutate: { patchStrategicMerge: {} } }] } }, /\/spec\/rules\/0 must match exactly one schema in oneOf/],
    ['a rule without match', { spec: { rules: [{ name: 'r', validate: rule.validate }] } }, /\/spec\/rules\/0 must have required property 'match'/],
    ['name and names together', { spec: { rules: [{ ...rule, match: { any: [{ resources: { kinds: ['Pod'], name: 'a', names: ['b'] } }] } }] } }, /must NOT be valid/],
    ['no spec', {}, /must have required property 'spec'/],
  ])('rejects %s', (_name, doc, message) => {
    expect(errorsOf({ ...base, ...(doc as object) })).toMatch(message);
  });

  test('user data (patterns) keeps any shape', () => {
    const free = { ...rule, validate: { message: 'm', pattern: { spec: { '=(hostNetwork)': false, containers: [{ 'image': '!*:latest', x: { y: [1, 'z'] } }] } } } };
    expect(errorsOf({ ...base, spec: { rules: [free] } })).toBe('');
  });
});

describe('toStructural', () => {
  test.each<[string, Record<string, unknown>, OpenApiSchema]>([
    ['free-form', {}, { [PRESERVE]: true }],
    ['an object without fields', { type: 'object' }, { type: 'object', [PRESERVE]: true }],
    ['a const', { const: 'kyverno.io/v1' }, { type: 'string', enum: ['kyverno.io/v1'] }],
    ['an untyped enum', { enum: ['Fail', 'Ignore'] }, { type: 'string', enum: ['Fail', 'Ignore'] }],
    ['a union type', { type: ['object', 'array'], items: {} }, { [PRESERVE]: true }],
    ['a string map', { type: 'object', additionalProperties: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'string' } }],
    [
      'closed object with exactlyOneOf',
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, additionalProperties: false, exactlyOneOf: ['a', 'b'] },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] },
    ],
    [
      'atMostOneOf of three',
      { type: 'object', properties: { a: {}, b: {}, c: {} }, atMostOneOf: ['a', 'b', 'c'] },
      { type: 'object', properties: { a: { [PRESERVE]: true }, b: { [PRESERVE]: true }, c: { [PRESERVE]: true } }, not: { anyOf: [{ required: ['a', 'b'] }, { required: ['a', 'c'] }, { required: ['b', 'c'] }] } },
    ],
    [
      'unique item names -> list map',
      { type: 'array', uniqueItemNames: true, items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
    ],
  ])('%s', (_name, input, want) => expect(toStructural(input)).toEqual(want));

  test('descriptions by path', () => {
    const out = toStructural({ type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } } } } } }, { a: 'A', 'a[].b': 'B' });
    expect(out).toEqual({ type: 'object', properties: { a: { description: 'A', type: 'array', items: { type: 'object', properties: { b: { description: 'B', type: 'string' } } } } } });
  });
});
