/** `tollgate apply` with generate rules: the generated resources are printed after the results (YAML, or JSON). */
import yaml from 'js-yaml';
import { runCli as run } from '../run-cli.js';

const argv = ['apply', '--policy', 'policies/default-deny-network-policy.yaml', '--policy', 'policies/default-resource-quota.yaml', '--resource', 'test/fixtures/generate-case/resources.yaml'];

describe('tollgate apply with generate rules', () => {
  test('results, then the generated resources as YAML documents headed by their names', async () => {
    const r = await run(argv);
    expect(r.code).toBe(0);
    const [results, ...documents] = r.out.split('\n---\n');
    expect(results.trimEnd().split('\n')).toEqual([
      'PASS default-deny-network-policy/default-deny Namespace team-a: generated NetworkPolicy team-a/default-deny',
      'PASS default-resource-quota/default-quota Namespace team-a: generated ResourceQuota team-a/default-quota',
      'pass: 2, fail: 0, warn: 0, error: 0, skip: 0',
    ]);
    expect(documents.map((d) => d.split('\n')[0])).toEqual(['# generated NetworkPolicy team-a/default-deny', '# generated ResourceQuota team-a/default-quota']);
    expect(yaml.load(documents[0])).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'team-a', labels: { 'app.kubernetes.io/managed-by': 'tollgate', 'generate.tollgate.io/trigger-name': 'team-a' } },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  });

  test('--json lists them as generatedResources', async () => {
    const r = await run([...argv, '--json']);
    const out = JSON.parse(r.out) as { generatedResources: { kind: string; metadata: { namespace: string } }[]; patchedResources: unknown[] };
    expect(out.generatedResources.map((o) => [o.kind, o.metadata.namespace])).toEqual([['NetworkPolicy', 'team-a'], ['ResourceQuota', 'team-a']]);
    expect(out.patchedResources).toEqual([]);
  });

  test('a clone rule without its source errors (apply has no cluster) and prints nothing generated', async () => {
    const r = await run(['apply', '--policy', 'policies/sync-registry-secret.yaml', '--resource', 'test/fixtures/generate-case/resources.yaml', '--json']);
    const out = JSON.parse(r.out) as { results: { result: string; message: string }[]; generatedResources: unknown[] };
    expect(out.results).toEqual([expect.objectContaining({ result: 'error', message: 'source resource Secret tollgate-system/regcred not found: no cluster: supply API call results in the values file' })]);
    expect(out.generatedResources).toEqual([]);
  });
});
