import { parseTestFile } from '../../../src/cli/test/test-file.js';

describe('parseTestFile', () => {
  test('current format', () => {
    const r = parseTestFile({
      apiVersion: 'cli.kyverno.io/v1alpha1',
      kind: 'Test',
      metadata: { name: 'require-labels' },
      policies: ['require-labels.yaml'],
      resources: ['resource.yaml'],
      variables: 'values.yaml',
      userinfo: 'user.yaml',
      results: [
        { policy: 'require-labels', rule: 'check', kind: 'Pod', resources: ['badpod01', 'ns1/badpod02'], result: 'fail' },
        { policy: 'p', kind: 'Pod', resources: ['x'], result: 'pass ', isValidatingPolicy: true },
      ],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'require-labels',
        legacy: false,
        policies: ['require-labels.yaml'],
        resources: ['resource.yaml'],
        variables: 'values.yaml',
        userinfo: 'user.yaml',
        unsupportedInputs: [],
        results: [
          { policy: 'require-labels', rule: 'check', kind: 'Pod', resources: ['badpod01', 'ns1/badpod02'], result: 'fail', kindFlags: [] },
          { policy: 'p', kind: 'Pod', resources: ['x'], result: 'pass', kindFlags: ['isValidatingPolicy'] },
        ],
      },
    });
  });

  test('legacy format: top-level name, singular resource, status, patchedResource, namespace', () => {
    const r = parseTestFile({
      name: 'old',
      policies: ['p.yaml'],
      resources: ['r.yaml'],
      results: [{ policy: 'p', rule: 'r', resource: 'pod1', namespace: 'ns', kind: 'Pod', status: 'Skip', patchedResource: 'patched.yaml' }],
    });
    expect(r.ok && r.value).toMatchObject({
      name: 'old',
      legacy: true,
      results: [{ policy: 'p', rule: 'r', resources: ['pod1'], namespace: 'ns', kind: 'Pod', result: 'skip', patchedResources: 'patched.yaml' }],
    });
  });

  test('field names are case-insensitive, exact match first (isMUtatingPolicy)', () => {
    const r = parseTestFile({
      APIVersion: 'cli.kyverno.io/v1alpha1',
      Kind: 'Test',
      Metadata: { Name: 'x' },
      Policies: ['p.yaml'],
      RESOURCES: ['r.yaml'],
      Results: [{ Policy: 'p', KIND: 'Pod', Resources: ['a'], Result: 'pass', isMUtatingPolicy: true, PatchedResources: 'out.yaml' }],
    });
    expect(r.ok && r.value).toMatchObject({
      name: 'x',
      legacy: false,
      results: [{ policy: 'p', kind: 'Pod', resources: ['a'], result: 'pass', kindFlags: ['isMutatingPolicy'], patchedResources: 'out.yaml' }],
    });
  });

  test('unsupported inputs are listed', () => {
    const r = parseTestFile({ apiVersion: 'v', kind: 'Test', policies: ['p'], resources: [], exceptions: ['e.yaml'], targetResources: [], checks: [{}] });
    expect(r.ok && r.value.unsupportedInputs).toEqual(['exceptions', 'checks']);
  });

  test.each([
    { raw: 'text', error: 't: expected a mapping' },
    { raw: { resources: [] }, error: 't.policies: required' },
    { raw: { policies: 'p.yaml', results: [{ kind: 'Pod', resources: ['a'], result: 'pass' }] }, error: 't.results[0].policy: required' },
    { raw: { policies: ['p'], results: [{ policy: 'p', resources: ['a'], result: 'pass' }] }, error: 't.results[0].kind: required' },
    { raw: { policies: ['p'], results: [{ policy: 'p', kind: 'Pod', result: 'pass' }] }, error: 't.results[0].resources: names no resource' },
    { raw: { policies: ['p'], results: [{ policy: 'p', kind: 'Pod', resources: ['a'], result: 'ok' }] }, error: 't.results[0].result: expected one of pass, fail, skip, warn, error, got "ok"' },
    { raw: { policies: ['p'], results: [{ policy: 'p', kind: 'Pod', resources: [1], result: 'pass' }] }, error: 't.results[0].resources[0]: expected a string' },
    { raw: { policies: ['p'], results: {} }, error: 't.results: expected a list' },
    { raw: { policies: [{}] }, error: 't.policies[0]: expected a string' },
  ])('rejects $error', ({ raw, error }) => {
    expect(parseTestFile(raw, 't')).toEqual({ ok: false, error });
  });

  test('a single string counts as a one-element list', () => {
    const r = parseTestFile({ policies: 'p.yaml', resources: 'r.yaml' });
    expect(r.ok && [r.value.policies, r.value.resources, r.value.results]).toEqual([['p.yaml'], ['r.yaml'], []]);
  });
});
