/**
 * Our own golden cases (test/golden: anchors, operators, JMESPath functions, match forms, context and foreach,
 * mutation by strategic merge, anchors, JSON patch and foreach)
 * and the seeds' example, run through the real CLI with real YAML policies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, runCli as run } from './run-cli.js';

describe('golden cases', () => {
  test('every golden case passes in strict mode', async () => {
    const r = await run(['test', 'test/golden', '--strict']);
    expect(r.out.trimEnd().split('\n').filter((l) => !l.startsWith('  '))).toEqual([
      'PASS anchors (20 checks)',
      'PASS context-foreach (18 checks)',
      'PASS jmespath-functions (36 checks)',
      'PASS match-forms (33 checks)',
      'PASS mutate-anchors (13 checks)',
      'PASS mutate-foreach (6 checks)',
      'PASS mutate-json6902 (10 checks)',
      'PASS mutate-strategic-merge (17 checks)',
      'PASS operators (70 checks)',
      '9 passed, 0 failed',
    ]);
    expect(r.code).toBe(0);
  });

  test('--strict fails a check whose rule gave no response, which the lenient default passes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-strict-'));
    writeFileSync(path.join(dir, 'policy.yaml'), readFileSync(path.join(root, 'policies/require-labels.yaml')));
    writeFileSync(path.join(dir, 'resource.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n');
    writeFileSync(
      path.join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata: {name: t}\npolicies: [policy.yaml]\nresources: [resource.yaml]\n' +
        'results:\n- {policy: require-labels, rule: check-for-labels, kind: ConfigMap, resources: [cm], result: fail}\n',
    );
    expect((await run(['test', dir])).code).toBe(0);
    const strict = await run(['test', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});

describe("the seeds' example: require-labels", () => {
  test('denies `kubectl create deployment nginx --image=nginx` through its autogen rule, naming the rule and the path', async () => {
    const review = readFileSync(path.join(root, 'test/fixtures/admission/kubectl-create-deployment-nginx.json'), 'utf8');
    const r = await run(['review', '--policy', 'policies/require-labels.yaml'], review);
    const out = JSON.parse(r.out) as { apiVersion: string; response: { uid: string; allowed: boolean; status: { code: number; message: string } } };
    expect(out.apiVersion).toBe('admission.k8s.io/v1');
    expect(out.response.uid).toBe('8d1f3c52-7f0e-4c1e-9d43-0a9b6f1d2e11');
    expect(out.response.allowed).toBe(false);
    expect(out.response.status.message).toBe(
      'resource Deployment/default/nginx was blocked due to the following policies\n\n' +
        'require-labels:\n' +
        "  autogen-check-for-labels: 'validation error: The label `app.kubernetes.io/name` is required. rule autogen-check-for-labels failed at path /spec/template/metadata/labels/app.kubernetes.io/name/ (expected ?*, found <missing>)'\n",
    );
  });

  test('allows the same Deployment once its Pod template carries the label', async () => {
    const review = JSON.parse(readFileSync(path.join(root, 'test/fixtures/admission/kubectl-create-deployment-nginx.json'), 'utf8')) as {
      request: { object: { spec: { template: { metadata: { labels: Record<string, string> } } } } };
    };
    review.request.object.spec.template.metadata.labels['app.kubernetes.io/name'] = 'nginx';
    const r = await run(['review', '--policy', 'policies/require-labels.yaml'], JSON.stringify(review));
    expect((JSON.parse(r.out) as { response: { allowed: boolean } }).response).toEqual({ uid: '8d1f3c52-7f0e-4c1e-9d43-0a9b6f1d2e11', allowed: true });
    expect(r.code).toBe(0);
  });
});
