import { unsupportedPolicyFeatures, unsupportedReason } from '../../../src/cli/test/support.js';
import { parseTestFile, type TestFile } from '../../../src/cli/test/test-file.js';

const cp = (rules: unknown[]): unknown => ({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { rules } });
const testFile = (raw: Record<string, unknown>): TestFile => {
  const r = parseTestFile({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Test', policies: ['p.yaml'], resources: ['r.yaml'], ...raw });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('unsupported features', () => {
  test.each([
    { docs: [cp([{ name: 'a', validate: { pattern: {} } }, { name: 'b', validate: { deny: {} } }])], want: [] },
    { docs: [cp([{ name: 'a', mutate: { patchStrategicMerge: {} } }, { name: 'b', mutate: { foreach: [] } }])], want: [] },
    { docs: [cp([{ name: 'a', mutate: { targets: [], patchStrategicMerge: {} } }])], want: ['mutate.targets rules'] },
    { docs: [cp([{ name: 'a', generate: {} }, { name: 'b', verifyImages: [] }])], want: ['verifyImages rules'] },
    { docs: [cp([{ name: 'a', validate: { cel: { expressions: [] } } }, { name: 'b', validate: { manifests: {} } }])], want: ['validate.cel rules', 'validate.manifests rules'] },
    { docs: [{ apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'ValidatingPolicy', metadata: { name: 'v' } }], want: ['ValidatingPolicy policies'] },
    { docs: [{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' }], want: ['ValidatingAdmissionPolicy policies'] },
    { docs: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }, 'junk', null], want: [] },
  ])('$want', ({ docs, want }) => {
    expect(unsupportedPolicyFeatures(docs)).toEqual(want);
  });

  test('test-file features and the combined reason', () => {
    const t = testFile({
      context: 'context.yaml',
      exceptions: ['ex.yaml'],
      results: [{ policy: 'p', rule: 'r', kind: 'Pod', resources: ['a'], result: 'pass', patchedResources: 'patched.yaml', isMutatingPolicy: true }],
    });
    expect(unsupportedReason(t, [cp([{ name: 'r', mutate: { targets: [] } }])])).toBe(
      'unsupported: mutate.targets rules, test input exceptions, context file (CEL policies), isMutatingPolicy results',
    );
    expect(unsupportedReason(testFile({}), [cp([{ name: 'r', validate: { pattern: {} } }])])).toBeUndefined();
  });
});
