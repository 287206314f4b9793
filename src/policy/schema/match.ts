/** match / exclude blocks. v1 keeps the legacy form (filter fields directly under match); v2beta1 has any/all only. */
import { type JsonSchema, type PolicyApiVersion, labelSelector, object, str, stringList, stringMap } from './common.js';

const OPERATIONS = ['CREATE', 'CONNECT', 'UPDATE', 'DELETE'];

/** In a match block a resource description must name its kinds; an exclude block may filter on anything. */
function resourceDescription(kindsRequired: boolean): JsonSchema {
  return object(
    {
      kinds: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: kindsRequired ? 1 : 0 },
      name: str,
      names: stringList,
      namespaces: stringList,
      annotations: stringMap,
      selector: labelSelector,
      namespaceSelector: labelSelector,
      operations: { type: 'array', items: { enum: OPERATIONS } },
    },
    { atMostOneOf: ['name', 'names'], ...(kindsRequired ? { required: ['kinds'] } : {}) },
  );
}

const subjects: JsonSchema = {
  type: 'array',
  items: object({ kind: str, name: str, namespace: str, apiGroup: str }, { required: ['kind', 'name'] }),
};

function filterProperties(kindsRequired: boolean): Record<string, JsonSchema> {
  return { resources: resourceDescription(kindsRequired), subjects, roles: stringList, clusterRoles: stringList };
}

function filterList(kindsRequired: boolean): JsonSchema {
  const filter = object(filterProperties(kindsRequired), kindsRequired ? { required: ['resources'] } : {});
  return { type: 'array', items: filter, minItems: 1 };
}

export function matchSchema(version: PolicyApiVersion): JsonSchema {
  const any = filterList(true);
  if (version === 'kyverno.io/v2beta1') return object({ any, all: filterList(true) }, { exactlyOneOf: ['any', 'all'] });
  return object({ any, all: filterList(true), ...filterProperties(true) }, { exactlyOneOf: ['any', 'all', 'resources'] });
}

export function excludeSchema(version: PolicyApiVersion): JsonSchema {
  const any = filterList(false);
  if (version === 'kyverno.io/v2beta1') return object({ any, all: filterList(false) }, { atMostOneOf: ['any', 'all'] });
  return object({ any, all: filterList(false), ...filterProperties(false) }, { atMostOneOf: ['any', 'all', 'resources'] });
}
