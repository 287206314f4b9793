/** Each schema problem renders as one line: `file#doc path: reason`. */
import { dump } from 'js-yaml';
import { parsePolicies } from '../../../src/policy/index.js';

const podMatch = { any: [{ resources: { kinds: ['Pod'] } }] };
const okRule = { name: 'r', match: podMatch, validate: { pattern: { a: 1 } } };

function doc(spec: Record<string, unknown>, extra: Record<string, unknown> = {}, apiVersion = 'kyverno.io/v1'): string {
  return dump({ apiVersion, kind: 'ClusterPolicy', metadata: { name: 'p' }, spec, ...extra });
}

function messages(text: string): string[] {
  return parsePolicies(text, 'policies/x.yaml').errors.map((e) => e.message);
}

describe('schema errors', () => {
  it.each<[string, string, string[]]>([
    ['validate with no check', doc({ rules: [{ ...okRule, validate: { message: 'm' } }] }),
      ['policies/x.yaml#1 spec.rules[0].validate: must have exactly one of pattern, anyPattern, deny, foreach, podSecurity, cel, manifests']],
    ['validate with two checks', doc({ rules: [{ ...okRule, validate: { pattern: {}, deny: {} } }] }),
      ['policies/x.yaml#1 spec.rules[0].validate: must have exactly one of pattern, anyPattern, deny, foreach, podSecurity, cel, manifests (found pattern and deny)']],
    ['rule without a type', doc({ rules: [{ name: 'r', match: podMatch }] }),
      ['policies/x.yaml#1 spec.rules[0]: must have exactly one of validate, mutate, generate, verifyImages']],
    ['rule with two types', doc({ rules: [{ ...okRule, mutate: { patchStrategicMerge: {} } }] }),
      ['policies/x.yaml#1 spec.rules[0]: must have exactly one of validate, mutate, generate, verifyImages (found validate and mutate)']],
    ['rule without name and match', doc({ rules: [{ validate: { pattern: {} } }] }),
      ['policies/x.yaml#1 spec.rules[0].name: is required', 'policies/x.yaml#1 spec.rules[0].match: is required']],
    ['rule name too long', doc({ rules: [{ ...okRule, name: 'n'.repeat(64) }] }),
      ['policies/x.yaml#1 spec.rules[0].name: must be at most 63 characters']],
    ['duplicate rule names', doc({ rules: [okRule, okRule] }), ['policies/x.yaml#1 spec.rules[1].name: duplicate name "r"']],
    ['kinds missing in match', doc({ rules: [{ ...okRule, match: { any: [{ resources: { namespaces: ['a'] } }] } }] }),
      ['policies/x.yaml#1 spec.rules[0].match.any[0].resources.kinds: is required']],
    ['empty kinds', doc({ rules: [{ ...okRule, match: { resources: { kinds: [] } } }] }),
      ['policies/x.yaml#1 spec.rules[0].match.resources.kinds: must not be empty']],
    ['any and all together', doc({ rules: [{ ...okRule, match: { ...podMatch, all: podMatch.any } }] }),
      ['policies/x.yaml#1 spec.rules[0].match: must have exactly one of any, all, resources (found any and all)']],
    ['name and names together', doc({ rules: [{ ...okRule, match: { any: [{ resources: { kinds: ['Pod'], name: 'a', names: ['b'] } }] } }] }),
      ['policies/x.yaml#1 spec.rules[0].match.any[0].resources: name, names cannot be used together (at most one of name, names)']],
    ['unknown operator', doc({ rules: [{ ...okRule, preconditions: { all: [{ key: 'a', operator: 'Equal', value: 'b' }] } }] }),
      ['policies/x.yaml#1 spec.rules[0].preconditions.all[0].operator: must be one of Equals, NotEquals, In, AnyIn, AllIn, NotIn, AnyNotIn, AllNotIn, GreaterThanOrEquals, GreaterThan, LessThanOrEquals, LessThan, DurationGreaterThanOrEquals, DurationGreaterThan, DurationLessThanOrEquals, DurationLessThan (got "Equal")']],
    ['bad failure action', doc({ validationFailureAction: 'block', rules: [okRule] }),
      ['policies/x.yaml#1 spec.validationFailureAction: must be one of Audit, Enforce, audit, enforce (got "block")']],
    ['misspelt field', doc({ rules: [{ ...okRule, validate: { patern: {}, pattern: {} } }] }),
      ['policies/x.yaml#1 spec.rules[0].validate.patern: unknown field (did you mean "pattern"?)']],
    ['wrong type', doc({ background: 'yes', rules: [okRule] }), ['policies/x.yaml#1 spec.background: must be a boolean (got "yes")']],
    ['anyPattern not a list', doc({ rules: [{ ...okRule, validate: { anyPattern: { a: 1 } } }] }),
      ['policies/x.yaml#1 spec.rules[0].validate.anyPattern: must be a list (got an object)']],
    ['foreach without list', doc({ rules: [{ ...okRule, validate: { foreach: [{ deny: {} }] } }] }),
      ['policies/x.yaml#1 spec.rules[0].validate.foreach[0].list: is required']],
    ['podSecurity level', doc({ rules: [{ ...okRule, validate: { podSecurity: { level: 'strict' } } }] }),
      ['policies/x.yaml#1 spec.rules[0].validate.podSecurity.level: must be one of privileged, baseline, restricted (got "strict")']],
    ['context entry without a source', doc({ rules: [{ ...okRule, context: [{ name: 'x' }] }] }),
      ['policies/x.yaml#1 spec.rules[0].context[0]: must have exactly one of variable, configMap, apiCall, imageRegistry, globalReference']],
    ['missing metadata.name', dump({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: {}, spec: { rules: [okRule] } }),
      ['policies/x.yaml#1 metadata.name: is required']],
    ['v2beta1 drops the legacy match form', doc({ rules: [{ ...okRule, match: { resources: { kinds: ['Pod'] } } }] }, {}, 'kyverno.io/v2beta1'),
      ['policies/x.yaml#1 spec.rules[0].match.resources: unknown field', 'policies/x.yaml#1 spec.rules[0].match: must have exactly one of any, all']],
    ['v2beta1 drops list preconditions', doc({ rules: [{ ...okRule, preconditions: [{ key: 'a', operator: 'Equals', value: 'a' }] }] }, {}, 'kyverno.io/v2beta1'),
      ['policies/x.yaml#1 spec.rules[0].preconditions: must be an object (got an array)']],
    ['v2beta1 drops In', doc({ rules: [{ ...okRule, preconditions: { any: [{ key: 'a', operator: 'In', value: ['a'] }] } }] }, {}, 'kyverno.io/v2beta1'),
      ['policies/x.yaml#1 spec.rules[0].preconditions.any[0].operator: must be one of Equals, NotEquals, AnyIn, AllIn, AnyNotIn, AllNotIn, GreaterThanOrEquals, GreaterThan, LessThanOrEquals, LessThan, DurationGreaterThanOrEquals, DurationGreaterThan, DurationLessThanOrEquals, DurationLessThan (got "In")']],
  ])('%s', (_label, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['v1 legacy match and list preconditions with In', doc({ rules: [{ ...okRule, match: { resources: { kinds: ['Pod'] } }, preconditions: [{ key: 'a', operator: 'In', value: ['a'] }] }] })],
    ['deny without conditions', doc({ rules: [{ ...okRule, validate: { deny: {} } }] })],
    ['exclude without kinds', doc({ rules: [{ ...okRule, exclude: { any: [{ resources: { namespaces: ['kube-system'] } }] } }] })],
    ['legacy exclude by cluster roles', doc({ rules: [{ ...okRule, exclude: { clusterRoles: ['admin'] } }] })],
    ['free-form patterns and lower-case enforce', doc({ validationFailureAction: 'enforce', rules: [{ ...okRule, validate: { pattern: { 'X(a)': [1, { '=(b)': null }] } } }] })],
    ['status is ignored', doc({ rules: [okRule] }, { status: { ready: true } })],
  ])('accepts %s', (_label, text) => {
    expect(messages(text)).toEqual([]);
  });

  it('carries file, document, path and policy name as fields', () => {
    const text = `${doc({ rules: [okRule] })}---\n${doc({ rules: [{ ...okRule, validate: {} }] })}`;
    const { errors, policies } = parsePolicies(text, 'policies/x.yaml');
    expect(policies).toHaveLength(1);
    expect(errors).toEqual([{
      kind: 'schema', file: 'policies/x.yaml', document: 2, path: 'spec.rules[0].validate', policy: 'p',
      reason: 'must have exactly one of pattern, anyPattern, deny, foreach, podSecurity, cel, manifests',
      message: 'policies/x.yaml#2 spec.rules[0].validate: must have exactly one of pattern, anyPattern, deny, foreach, podSecurity, cel, manifests',
    }]);
  });
});
