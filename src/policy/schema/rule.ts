/** A rule: match/exclude, context, preconditions and exactly one of validate / mutate / generate / verifyImages. */
import {
  type JsonSchema, type PolicyApiVersion, FAILURE_ACTIONS, bool, conditions, contextEntries, failureActionOverrides, freeForm,
  labelSelector, object, objectList, str, stringList,
} from './common.js';
import { excludeSchema, matchSchema } from './match.js';

export const VALIDATE_KINDS = ['pattern', 'anyPattern', 'deny', 'foreach', 'podSecurity', 'cel', 'manifests'] as const;
export const RULE_TYPES = ['validate', 'mutate', 'generate', 'verifyImages'] as const;

const anyPattern: JsonSchema = { type: 'array', items: freeForm };

function deny(version: PolicyApiVersion): JsonSchema {
  return object({ conditions: conditions(version) });
}

function validateForeach(version: PolicyApiVersion): JsonSchema {
  return {
    type: 'array',
    items: object(
      {
        list: str,
        elementScope: bool,
        context: contextEntries,
        preconditions: conditions(version),
        pattern: freeForm,
        anyPattern,
        deny: deny(version),
        // Nested foreach is raw JSON in Kyverno's types; its entries are checked when evaluated.
        foreach: objectList,
      },
      { required: ['list'], exactlyOneOf: ['pattern', 'anyPattern', 'deny', 'foreach'] },
    ),
  };
}

const podSecurity: JsonSchema = object(
  {
    level: { enum: ['privileged', 'baseline', 'restricted'] },
    version: str,
    exclude: {
      type: 'array',
      items: object({ controlName: str, images: stringList, restrictedField: str, values: stringList }, { required: ['controlName'] }),
    },
  },
  { required: ['level'] },
);

function validate(version: PolicyApiVersion): JsonSchema {
  return object(
    {
      message: str,
      failureAction: { enum: FAILURE_ACTIONS },
      failureActionOverrides,
      allowExistingViolations: bool,
      pattern: freeForm,
      anyPattern,
      deny: deny(version),
      foreach: validateForeach(version),
      podSecurity,
      cel: { type: 'object' },
      manifests: { type: 'object' },
    },
    { exactlyOneOf: [...VALIDATE_KINDS] },
  );
}

function mutate(version: PolicyApiVersion): JsonSchema {
  const foreach: JsonSchema = {
    type: 'array',
    items: object(
      {
        list: str,
        order: { enum: ['Ascending', 'Descending'] },
        context: contextEntries,
        preconditions: conditions(version),
        patchStrategicMerge: freeForm,
        patchesJson6902: str,
        foreach: objectList,
      },
      { required: ['list'], exactlyOneOf: ['patchStrategicMerge', 'patchesJson6902', 'foreach'] },
    ),
  };
  return object(
    { patchStrategicMerge: freeForm, patchesJson6902: str, foreach, targets: objectList, mutateExistingOnPolicyUpdate: bool },
    { exactlyOneOf: ['patchStrategicMerge', 'patchesJson6902', 'foreach'] },
  );
}

/** Generate rules run outside admission; their shape is checked loosely. */
const generate: JsonSchema = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    name: str,
    namespace: str,
    synchronize: bool,
    orphanDownstreamOnPolicyDelete: bool,
    generateExisting: bool,
    data: freeForm,
    clone: object({ name: str, namespace: str }),
    cloneList: object({ kinds: stringList, namespace: str, selector: labelSelector }),
    foreach: objectList,
  },
  atMostOneOf: ['data', 'clone', 'cloneList', 'foreach'],
};

export function ruleSchema(version: PolicyApiVersion): JsonSchema {
  return object(
    {
      name: { type: 'string', minLength: 1, maxLength: 63 },
      match: matchSchema(version),
      exclude: excludeSchema(version),
      context: contextEntries,
      preconditions: conditions(version),
      celPreconditions: objectList,
      skipBackgroundRequests: bool,
      reportProperties: { type: 'object', additionalProperties: str },
      imageExtractors: { type: 'object' },
      validate: validate(version),
      mutate: mutate(version),
      generate,
      verifyImages: objectList,
    },
    { required: ['name', 'match'], exactlyOneOf: [...RULE_TYPES] },
  );
}
