/** Schema building blocks shared by rules, match blocks and conditions. */

export type JsonSchema = { [key: string]: unknown };
export type PolicyApiVersion = 'kyverno.io/v1' | 'kyverno.io/v2beta1';

/** User data interpreted by the engine (patterns, values, keys): any JSON. */
export const freeForm: JsonSchema = {};
export const str: JsonSchema = { type: 'string' };
export const bool: JsonSchema = { type: 'boolean' };
export const stringList: JsonSchema = { type: 'array', items: str };
export const stringMap: JsonSchema = { type: 'object', additionalProperties: str };
export const objectList: JsonSchema = { type: 'array', items: { type: 'object' } };

/** Kyverno accepts its old lower-case spellings; they are normalised on load. */
export const FAILURE_ACTIONS = ['Audit', 'Enforce', 'audit', 'enforce'] as const;

const V1_OPERATORS = [
  'Equals', 'NotEquals', 'In', 'AnyIn', 'AllIn', 'NotIn', 'AnyNotIn', 'AllNotIn',
  'GreaterThanOrEquals', 'GreaterThan', 'LessThanOrEquals', 'LessThan',
  'DurationGreaterThanOrEquals', 'DurationGreaterThan', 'DurationLessThanOrEquals', 'DurationLessThan',
] as const;

/** v2beta1 drops the deprecated In / NotIn. */
export function conditionOperators(version: PolicyApiVersion): readonly string[] {
  return version === 'kyverno.io/v1' ? V1_OPERATORS : V1_OPERATORS.filter((op) => op !== 'In' && op !== 'NotIn');
}

export function object(properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', properties, additionalProperties: false, ...extra };
}

export const labelSelector: JsonSchema = object({
  matchLabels: stringMap,
  matchExpressions: {
    type: 'array',
    items: object(
      { key: str, operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: stringList },
      { required: ['key', 'operator'] },
    ),
  },
});

export const failureActionOverrides: JsonSchema = {
  type: 'array',
  items: object({ action: { enum: FAILURE_ACTIONS }, namespaces: stringList, namespaceSelector: labelSelector }, { required: ['action'] }),
};

export function conditions(version: PolicyApiVersion): JsonSchema {
  const condition = object(
    { key: freeForm, operator: { enum: conditionOperators(version) }, value: freeForm, message: str },
    { required: ['operator'] },
  );
  const list: JsonSchema = { type: 'array', items: condition };
  const anyAll = object({ any: list, all: list });
  // v1 also takes a plain list (all must hold); `items` applies to arrays and `properties` to objects only.
  return version === 'kyverno.io/v1' ? { ...anyAll, type: ['object', 'array'], items: condition } : anyAll;
}

const variableEntry = object({ value: freeForm, jmesPath: str, default: freeForm });
const apiCall: JsonSchema = {
  type: 'object',
  properties: {
    urlPath: str,
    method: { enum: ['GET', 'POST'] },
    data: { type: 'array', items: object({ key: str, value: freeForm }, { required: ['key'] }) },
    service: { type: 'object', properties: { url: str, caBundle: str, headers: objectList }, required: ['url'] },
    jmesPath: str,
    default: freeForm,
  },
};

export const contextEntries: JsonSchema = {
  type: 'array',
  items: object(
    {
      name: str,
      variable: variableEntry,
      configMap: object({ name: str, namespace: str }, { required: ['name'] }),
      apiCall,
      imageRegistry: { type: 'object', properties: { reference: str, jmesPath: str }, required: ['reference'] },
      globalReference: object({ name: str, jmesPath: str }, { required: ['name'] }),
    },
    { required: ['name'], exactlyOneOf: ['variable', 'configMap', 'apiCall', 'imageRegistry', 'globalReference'] },
  ),
};
