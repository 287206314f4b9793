import { parsePolicies } from '../../src/policy/index.js';

const policy = (name: string, extra = '', kind = 'ClusterPolicy', apiVersion = 'kyverno.io/v1') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: ${name}
${extra}spec:
  rules:
  - name: r
    match:
      any:
      - resources:
          kinds: [Service]
    validate:
      pattern: {a: 1}
`;

describe('parsePolicies', () => {
  it('loads every document; a bad one never stops the others', () => {
    const text = [
      policy('one'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      policy('two').replace('pattern: {a: 1}', 'message: no check'),
      'a: [unclosed\nb: 2\n',
      policy('three'),
    ].join('---\n');
    const { policies, errors, ignored } = parsePolicies(text, 'p.yaml');
    expect(policies.map((p) => [p.key, p.source])).toEqual([
      ['one', { file: 'p.yaml', document: 1 }],
      ['three', { file: 'p.yaml', document: 5 }],
    ]);
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['schema', 'p.yaml#3 spec.rules[0].validate: must have exactly one of pattern, anyPattern, deny, foreach, podSecurity, cel, manifests'],
      ['yaml', expect.stringMatching(/^p\.yaml:3[34]: invalid YAML: /)],
    ]);
    expect(errors[1].document).toBe(4);
    expect(ignored).toEqual([{ file: 'p.yaml', document: 2, apiVersion: 'v1', kind: 'ConfigMap' }]);
  });

  it('gives the line of a YAML error in a single-document file', () => {
    const { errors, policies } = parsePolicies('apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: x\n   bad: indent\n', 'x.yaml');
    expect(policies).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'yaml', file: 'x.yaml', document: 1, line: 5 });
    expect(errors[0].message).toMatch(/^x\.yaml:5: invalid YAML: /);
  });

  it('counts only non-empty documents', () => {
    const { policies } = parsePolicies(`---\n---\n${policy('a')}---\n# just a comment\n---\n${policy('b')}---\n`, 'f.yaml');
    expect(policies.map((p) => p.source?.document)).toEqual([1, 2]);
  });

  it('reports Kyverno kinds it does not evaluate as unsupported, and ignores other groups', () => {
    const text = [
      'apiVersion: policies.kyverno.io/v1alpha1\nkind: ValidatingPolicy\nmetadata: {name: v}\nspec: {}\n',
      'apiVersion: kyverno.io/v2\nkind: CleanupPolicy\nmetadata: {name: c}\nspec: {}\n',
      policy('old', '', 'ClusterPolicy', 'kyverno.io/v1alpha1'),
      'apiVersion: config.kio.kasten.io/v1alpha1\nkind: Policy\nmetadata: {name: k}\n',
    ].join('---\n');
    const { policies, errors, ignored } = parsePolicies(text, 'u.yaml');
    expect(policies).toEqual([]);
    expect(errors.map((e) => [e.kind, e.policy, e.message])).toEqual([
      ['unsupported-kind', 'v', 'u.yaml#1: unsupported kind ValidatingPolicy (policies.kyverno.io/v1alpha1): CEL policy kinds are not supported yet'],
      ['unsupported-kind', 'c', 'u.yaml#2: unsupported kind CleanupPolicy (kyverno.io/v2): only ClusterPolicy and Policy are evaluated'],
      ['unsupported-kind', 'old', 'u.yaml#3: unsupported apiVersion kyverno.io/v1alpha1 for ClusterPolicy (supported: kyverno.io/v1, kyverno.io/v2beta1)'],
    ]);
    expect(ignored).toEqual([{ file: 'u.yaml', document: 4, apiVersion: 'config.kio.kasten.io/v1alpha1', kind: 'Policy' }]);
  });

  it.each<[string, string, string | undefined, boolean]>([
    ['defaults', '', 'Audit', true],
    ['lower-case enforce', '  validationFailureAction: enforce\n  background: false\n', 'Enforce', false],
    ['lower-case audit', '  validationFailureAction: audit\n', 'Audit', true],
  ])('normalises the spec: %s', (_label, specExtra, action, background) => {
    const text = policy('n').replace('spec:\n', `spec:\n${specExtra}`);
    const [lp] = parsePolicies(text, 'n.yaml').policies;
    expect(lp.policy.spec.validationFailureAction).toBe(action);
    expect(lp.policy.spec.background).toBe(background);
  });

  it('normalises rule-level and override failure actions', () => {
    const text = policy('n')
      .replace('spec:\n', 'spec:\n  validationFailureActionOverrides:\n  - action: enforce\n    namespaces: [prod]\n')
      .replace('      pattern: {a: 1}\n', '      failureAction: enforce\n      failureActionOverrides: [{action: audit, namespaces: [dev]}]\n      pattern: {a: 1}\n');
    const [lp] = parsePolicies(text, 'n.yaml').policies;
    expect(lp.policy.spec.validationFailureActionOverrides?.[0].action).toBe('Enforce');
    expect(lp.rules[0].validate?.failureAction).toBe('Enforce');
    expect(lp.rules[0].validate?.failureActionOverrides?.[0].action).toBe('Audit');
  });

  it('keys a namespaced Policy by namespace/name, defaulting the namespace', () => {
    const text = [policy('a', '', 'Policy').replace('  name: a\n', '  name: a\n  namespace: team\n'), policy('b', '', 'Policy')].join('---\n');
    const { policies } = parsePolicies(text, 'ns.yaml');
    expect(policies.map((p) => [p.key, p.policy.metadata.namespace])).toEqual([['team/a', 'team'], ['default/b', 'default']]);
  });

  it('accepts JSON documents', () => {
    const json = JSON.stringify({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'j' }, spec: { rules: [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { deny: {} } }] } });
    expect(parsePolicies(json, 'j.json').policies.map((p) => p.rules.map((r) => r.name))).toEqual([['r', 'autogen-r', 'autogen-cronjob-r']]);
  });

  it('keeps timestamps and YAML merge keys as Kubernetes does', () => {
    const text = policy('t').replace('pattern: {a: 1}', 'pattern:\n        base: &b {x: 1}\n        merged: {<<: *b, y: 2}\n        when: 2024-01-01');
    const [lp] = parsePolicies(text, 't.yaml').policies;
    expect(lp.rules[0].validate?.pattern).toEqual({ base: { x: 1 }, merged: { x: 1, y: 2 }, when: '2024-01-01' });
  });
});
