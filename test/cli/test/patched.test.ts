/** `tollgate test` with patchedResources, compared as `kyverno test` does. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, runCli as run } from '../run-cli.js';

function copyCase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-patched-'));
  cpSync(path.join(root, 'test/fixtures/mutate-case'), dir, { recursive: true });
  return dir;
}

describe('tollgate test: patchedResources', () => {
  test('the patched object must match the file; mutate and validate results are both checked', async () => {
    const r = await run(['test', 'test/fixtures/mutate-case', '--strict']);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  test('a different patched object fails the check and names the first difference', async () => {
    const dir = copyCase();
    const file = path.join(dir, 'patched.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('team: platform', 'team: platfrom'));
    const r = await run(['test', dir, '--json']);
    const report = JSON.parse(r.out) as { cases: { checks: { resource: string; outcome: string; message: string }[] }[] };
    const failed = report.cases[0].checks.filter((c) => c.outcome === 'fail');
    expect(failed).toEqual([
      expect.objectContaining({ resource: 'default/unlabelled', message: `patched resource didn't match the expected one in patched.yaml: /metadata/labels/team: expected "platfrom", got "platform"` }),
    ]);
    expect(r.code).toBe(1);
  });

  test('nulls and empty maps and lists do not count (Kyverno tidies both sides)', async () => {
    const dir = copyCase();
    const file = path.join(dir, 'patched.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    team: platform\n', '    team: platform\n  annotations: {}\n  finalizers: []\n  ownerReferences: null\n'));
    expect((await run(['test', dir])).code).toBe(0);
  });

  test('result fail with patchedResources passes when the mutation does not give that object', async () => {
    const dir = copyCase();
    writeFileSync(path.join(dir, 'other.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: unlabelled\n  namespace: default\n  labels:\n    team: somebody-else\n');
    const test = readFileSync(path.join(dir, 'kyverno-test.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'kyverno-test.yaml'), `${test}- {policy: add-team, rule: team-label, kind: Pod, resources: [unlabelled], patchedResources: other.yaml, result: fail}\n`);
    expect((await run(['test', dir])).code).toBe(0);
  });

  test('a wrong expected status still fails when the patched object matches', async () => {
    const dir = copyCase();
    const test = readFileSync(path.join(dir, 'kyverno-test.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'kyverno-test.yaml'), test.replace('resources: [labelled], patchedResources: patched.yaml, result: skip', 'resources: [labelled], patchedResources: patched.yaml, result: pass'));
    expect((await run(['test', dir])).code).toBe(1);
  });
});
