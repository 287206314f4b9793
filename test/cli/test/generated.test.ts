/** `tollgate test` with generatedResource and cloneSourceResource, compared as `kyverno test` does. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, runCli as run } from '../run-cli.js';

function copyCase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-generated-'));
  cpSync(path.join(root, 'test/fixtures/generate-case'), dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

interface Report {
  cases: { status: string; reason?: string; checks: { rule: string; outcome: string; actual: string; message: string }[] }[];
}

async function report(dir: string): Promise<Report> {
  return JSON.parse((await run(['test', dir, '--json'])).out) as Report;
}

describe('tollgate test: generatedResource', () => {
  test('data and clone rules: the generated objects match the files (ownership labels do not count)', async () => {
    const r = await run(['test', 'test/fixtures/generate-case', '--strict']);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  test('a different generated object fails the check and names the first difference', async () => {
    const dir = copyCase();
    edit(dir, 'generated-quota.yaml', (t) => t.replace('pods: "10"', 'pods: "20"'));
    const failed = (await report(dir)).cases[0].checks.filter((c) => c.outcome === 'fail');
    expect(failed).toEqual([
      expect.objectContaining({ rule: 'quota', message: `generated resource didn't match the expected one in generated-quota.yaml: /spec/hard/pods: expected "20", got "10"` }),
    ]);
  });

  test('labels other than ownership ones count', async () => {
    const dir = copyCase();
    edit(dir, 'generated-quota.yaml', (t) => t.replace('    team: a\n', '    team: b\n'));
    const failed = (await report(dir)).cases[0].checks.filter((c) => c.outcome === 'fail');
    expect(failed.map((c) => c.message)).toEqual([`generated resource didn't match the expected one in generated-quota.yaml: /metadata/labels/team: expected "b", got "a"`]);
  });

  test('an object of another name is not found in the file', async () => {
    const dir = copyCase();
    edit(dir, 'generated-secret.yaml', (t) => `${t}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: team-a}\n`);
    edit(dir, 'policy.yaml', (t) => t.replace('      name: regcred\n      namespace: "{{', '      name: renamed\n      namespace: "{{'));
    const failed = (await report(dir)).cases[0].checks.filter((c) => c.outcome === 'fail');
    expect(failed.map((c) => c.message)).toEqual(['generated resource Secret renamed not found in generated-secret.yaml']);
  });

  test('without the cloneSourceResource the clone rule is an error', async () => {
    const dir = copyCase();
    edit(dir, 'kyverno-test.yaml', (t) => t.replace('  cloneSourceResource: source-secret.yaml\n', ''));
    const failed = (await report(dir)).cases[0].checks.filter((c) => c.outcome === 'fail');
    expect(failed).toEqual([expect.objectContaining({ rule: 'pull-secret', actual: 'error', message: expect.stringMatching(/^source resource Secret default\/regcred not found/) as string })]);
  });

  test('result fail with a generatedResource passes when the rule does not give that object', async () => {
    const dir = copyCase();
    writeFileSync(path.join(dir, 'other.yaml'), 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: default, namespace: team-a}\nspec: {hard: {pods: "99"}}\n');
    edit(dir, 'kyverno-test.yaml', (t) => `${t}- {policy: namespace-defaults, rule: quota, kind: Namespace, resources: [team-a], generatedResource: other.yaml, result: fail}\n`);
    expect((await run(['test', dir])).code).toBe(0);
  });

  test('a generatedResource for a rule that generated nothing fails', async () => {
    const dir = copyCase();
    edit(dir, 'policy.yaml', (t) => t.replace('  - name: quota\n', '  - name: quota\n    preconditions:\n      all:\n      - {key: "{{request.object.metadata.name}}", operator: Equals, value: nope}\n'));
    edit(dir, 'kyverno-test.yaml', (t) => t.replace('generatedResource: generated-quota.yaml\n  result: pass', 'generatedResource: generated-quota.yaml\n  result: skip'));
    const failed = (await report(dir)).cases[0].checks.filter((c) => c.outcome === 'fail');
    expect(failed.map((c) => [c.rule, c.actual, c.message])).toEqual([['quota', 'skip', 'no resource was generated']]);
  });
});
