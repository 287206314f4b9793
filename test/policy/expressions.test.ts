/** JMESPath syntax is checked at load: a policy with a broken expression is refused with the field's path. */
import { parsePolicies } from '../../src/policy/index.js';

const policy = (validate: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
${validate}
`;

describe('JMESPath syntax at load', () => {
  test.each([
    [
      'a variable in a deny condition',
      `      deny:\n        conditions:\n          any:\n          - key: "{{ request.object.metadata.labels.[ }}"\n            operator: Equals\n            value: x`,
      'p.yaml#1 spec.rules[0].validate.deny.conditions.any[0].key: invalid JMESPath in variable "{{ request.object.metadata.labels.[ }}"',
    ],
    [
      'a foreach list',
      `      foreach:\n      - list: "request.object.spec.containers[?"\n        pattern: {image: "*"}`,
      'p.yaml#1 spec.rules[0].validate.foreach[0].list: invalid JMESPath expression "request.object.spec.containers[?"',
    ],
    [
      'the innermost variable of a nested one',
      `      message: "{{ images.containers.\\"{{ element.name ]] }}\\".registry }}"\n      pattern: {metadata: {name: "?*"}}`,
      'p.yaml#1 spec.rules[0].validate.message: invalid JMESPath in variable "{{ element.name ]] }}"',
    ],
  ])('%s', (_what, validate, expected) => {
    const { policies, errors } = parsePolicies(policy(validate), 'p.yaml');
    expect(policies).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message.startsWith(expected)).toBe(true);
  });

  test.each([
    ['nested variables, quoted keys and functions', `      message: "{{ images.containers.\\"{{element.name}}\\".registry }} {{ to_upper(request.object.metadata.labels.\\"app.kubernetes.io/name\\" || '') }}"\n      pattern: {metadata: {name: "?*"}}`],
    ['escaped variables and {{@}}', `      message: "use \\\\{{ literal }}"\n      pattern: {metadata: {name: "{{@}}"}}`],
  ])('accepts %s', (_what, validate) => {
    const { policies, errors } = parsePolicies(policy(validate), 'p.yaml');
    expect(errors).toEqual([]);
    expect(policies).toHaveLength(1);
  });
});
