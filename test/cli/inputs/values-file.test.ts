import { findRuleValues, parseValuesFile, resourceValues, toInjectedValues } from '../../../src/cli/inputs/values-file.js';

const raw = {
  apiVersion: 'cli.kyverno.io/v1alpha1',
  kind: 'Values',
  globalValues: { 'request.operation': 'UPDATE', shared: 'global' },
  policies: [
    {
      name: 'allowed-podpriorities',
      rules: [{ name: 'check-priority', values: { 'podprioritydict.data.default': '["high", "low"]' }, foreachValues: { elem: ['a', 'b'] } }],
      resources: [
        { name: 'mypod', values: { 'request.operation': 'DELETE', serviceAccountName: 'safe' } },
        { name: 'other', values: { shared: 'other' } },
      ],
    },
  ],
  namespaceSelector: [{ name: 'prod', labels: { env: 'prod' } }, { name: 'dev', labels: { env: 'dev' } }],
  namespaces: [{ apiVersion: 'v1', kind: 'namespace', metadata: { name: 'dev', labels: { env: 'development', tier: 2 } } }],
};

describe('values file', () => {
  const parsed = parseValuesFile(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  const values = parsed.value;

  test.each([
    { policy: 'allowed-podpriorities', resource: 'mypod', want: { 'request.operation': 'DELETE', shared: 'global', serviceAccountName: 'safe' } },
    { policy: 'allowed-podpriorities', resource: 'other', want: { 'request.operation': 'UPDATE', shared: 'other' } },
    { policy: 'allowed-podpriorities', resource: 'none', want: { 'request.operation': 'UPDATE', shared: 'global' } },
    { policy: 'another-policy', resource: 'mypod', want: { 'request.operation': 'UPDATE', shared: 'global' } },
  ])('resource values of $policy / $resource: globalValues < resource values', ({ policy, resource, want }) => {
    expect(resourceValues(values, policy, resource)).toEqual(want);
  });

  test.each([
    { rule: 'check-priority', found: true },
    { rule: 'autogen-check-priority', found: true },
    { rule: 'autogen-cronjob-check-priority', found: true },
    { rule: 'autogen-other', found: false },
    { rule: 'check', found: false },
  ])('rule values for $rule', ({ rule, found }) => {
    expect(findRuleValues(values, 'allowed-podpriorities', rule) !== undefined).toBe(found);
  });

  test('injected values', () => {
    const injected = toInjectedValues(values, 'allowed-podpriorities', 'mypod');
    expect(injected.global).toEqual({ 'request.operation': 'DELETE', shared: 'global', serviceAccountName: 'safe' });
    expect(injected.rule?.('allowed-podpriorities', 'autogen-check-priority')).toEqual({ 'podprioritydict.data.default': '["high", "low"]' });
    expect(injected.foreach?.('allowed-podpriorities', 'check-priority')).toEqual({ elem: ['a', 'b'] });
    expect(injected.rule?.('other', 'check-priority')).toBeUndefined();
  });

  test('namespaces: objects win over namespaceSelector entries, labels become strings', () => {
    expect(values.namespaces.get('prod')?.metadata.labels).toEqual({ env: 'prod' });
    expect(values.namespaces.get('dev')?.metadata.labels).toEqual({ env: 'development', tier: '2' });
    expect(values.namespaces.get('dev')?.kind).toBe('Namespace');
  });

  test('field names ignore case', () => {
    const r = parseValuesFile({ GlobalValues: { a: 1 }, Policies: [{ Name: 'p', Resources: [{ Name: 'r', Values: { b: 2 } }] }], NamespaceSelector: [{ name: 'n', labels: { x: 'y' } }] });
    expect(r.ok && resourceValues(r.value, 'p', 'r')).toEqual({ a: 1, b: 2 });
    expect(r.ok && r.value.namespaces.get('n')?.metadata.labels).toEqual({ x: 'y' });
  });

  test.each([
    { raw: [], error: 'v: expected a mapping' },
    { raw: { globalValues: [] }, error: 'v.globalValues: expected a mapping' },
    { raw: { policies: [{ rules: [] }] }, error: 'v.policies[0].name: required' },
    { raw: { policies: [{ name: 'p', rules: [{ name: 'r', foreachValues: { e: 'x' } }] }] }, error: 'v.policies[0].rules[0].foreachValues.e: expected a list' },
    { raw: { namespaces: [{ metadata: {} }] }, error: 'v.namespaces[0].metadata.name: required' },
  ])('rejects $error', ({ raw, error }) => {
    expect(parseValuesFile(raw, 'v')).toEqual({ ok: false, error });
  });
});
