/** End-to-end runs of the CLI on the fixtures under test/fixtures/cli: in-process through `main`, plus one real spawn. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, runCli as run } from './run-cli.js';

const lines = (text: string): string[] => text.trimEnd().split('\n');
const lastLine = (text: string): string => lines(text).at(-1) ?? '';

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-main-')), name);
  writeFileSync(file, content);
  return file;
}

describe('tollgate test', () => {
  test('passing cases, in name order', async () => {
    const r = await run(['test', 'test/fixtures/cli/good']);
    expect(r.err).toBe('');
    expect(lines(r.out).filter((l) => !l.startsWith('  '))).toEqual([
      'PASS legacy-format (2 checks)',
      'PASS require-labels (6 checks)',
      'PASS values-and-userinfo (7 checks)',
      '3 passed, 0 failed',
    ]);
    expect(r.code).toBe(0);
  });

  test('failing cases: each fails with its reason and none stops the others', async () => {
    const r = await run(['test', 'test/fixtures/cli/bad', 'test/fixtures/cli/good/require-labels']);
    const out = lines(r.out);
    expect(out.filter((l) => !l.startsWith('  ')).map((l) => l.replace(root, '<root>'))).toEqual([
      expect.stringMatching(/^FAIL broken-yaml: <root>\/test\/fixtures\/cli\/bad\/broken-yaml\/kyverno-test\.yaml:\d+: invalid YAML: /),
      'FAIL missing-file: <root>/test/fixtures/cli/bad/missing-file/does-not-exist.yaml: file not found',
      'PASS require-labels (6 checks)',
      'FAIL unsupported-verify-images: unsupported: verifyImages rules',
      'FAIL wrong-expectation: 1 of 3 checks failed',
      '1 passed, 4 failed',
    ]);
    expect(out).toContainEqual(expect.stringMatching(/^ {2}failed check: policy require-labels, rule check-team, Pod default\/badpod: expected pass, got fail: .*team/));
    expect(out).toContainEqual(expect.stringMatching(/^ {2}lenient check .*Pod kube-system\/systempod: expected fail, got no rule response/));
    expect(r.code).toBe(1);
  });

  test('--fail-only hides passing cases and lenient lines', async () => {
    const r = await run(['test', 'test/fixtures/cli/bad/wrong-expectation', 'test/fixtures/cli/good', '--fail-only']);
    expect(lines(r.out).filter((l) => !l.startsWith('  '))).toEqual(['FAIL wrong-expectation: 1 of 3 checks failed', '3 passed, 1 failed']);
    expect(r.out).not.toContain('lenient');
  });

  test('--baseline: exit 1 only below the baseline', async () => {
    const ok = await run(['test', 'test/fixtures/cli', '--baseline', tempFile('b.json', '{"passed": 3}')]);
    expect(lines(ok.out).slice(-2)).toEqual(['baseline: 3 cases pass, baseline is 3: ok', '3 passed, 4 failed']);
    expect(ok.code).toBe(0);
    const regressed = await run(['test', 'test/fixtures/cli', '--baseline', tempFile('b.json', '{"passed": 4}')]);
    expect(lines(regressed.out).slice(-2)).toEqual(['baseline: 3 cases pass, fewer than the baseline of 4: conformance regressed', '3 passed, 4 failed']);
    expect(regressed.code).toBe(1);
  });

  test('--json', async () => {
    const r = await run(['test', 'test/fixtures/cli/bad/wrong-expectation', '--json']);
    const parsed: unknown = JSON.parse(r.out);
    expect(parsed).toMatchObject({
      passed: 0,
      failed: 1,
      cases: [{
        name: 'wrong-expectation',
        status: 'fail',
        checks: [
          { policy: 'require-labels', rule: 'check-team', kind: 'Pod', resource: 'default/goodpod', expected: 'pass', actual: 'pass', outcome: 'pass' },
          { policy: 'require-labels', rule: 'check-team', kind: 'Pod', resource: 'default/badpod', expected: 'pass', actual: 'fail', outcome: 'fail' },
          { policy: 'require-labels', rule: 'check-team', kind: 'Pod', resource: 'kube-system/systempod', expected: 'fail', actual: 'no-response', outcome: 'lenient' },
        ],
      }],
    });
    expect(r.code).toBe(1);
  });

  test.each([
    { argv: ['test'], err: 'tollgate test: missing argument: <dir>\n' },
    { argv: ['test', 'x', '--bogus'], err: 'tollgate test: unknown flag: --bogus\n' },
    { argv: ['test', 'test/fixtures/cli', '--baseline'], err: 'tollgate test: flag --baseline needs a value\n' },
    { argv: ['test', 'no/such/dir'], err: 'tollgate test: no/such/dir: directory not found\n' },
    { argv: ['test', 'test/fixtures/cli/policies'], err: 'tollgate test: test/fixtures/cli/policies: no kyverno-test.yaml found\n' },
  ])('usage error: $argv', async ({ argv, err }) => {
    const r = await run(argv);
    expect([r.code, r.err, r.out]).toEqual([2, err, '']);
  });

  test('bad baseline file', async () => {
    const r = await run(['test', 'test/fixtures/cli/good', '--baseline', tempFile('b.json', '{"pass": 1}')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/b\.json: expected \{"passed": <non-negative integer>\}/);
  });
});

describe('tollgate apply', () => {
  const argv = ['apply', '--policy', 'test/fixtures/cli/policies', '--resource', 'test/fixtures/cli/resources/pods.yaml'];

  test('text output and exit 1 on an Enforce failure', async () => {
    const r = await run(argv);
    const out = lines(r.out);
    expect(out.map((l) => l.replace(/: .*/, ''))).toEqual([
      'PASS disallow-latest/no-latest Pod default/goodpod',
      'PASS require-labels/check-team Pod default/goodpod',
      'FAIL (Audit) disallow-latest/no-latest Pod default/badpod',
      'FAIL (Enforce) require-labels/check-team Pod default/badpod',
      'pass',
    ]);
    expect(lastLine(r.out)).toBe('pass: 2, fail: 2, warn: 0, error: 0, skip: 0');
    expect(r.code).toBe(1);
  });

  test('only Audit failures: exit 0', async () => {
    const r = await run(['apply', '--policy', 'test/fixtures/cli/policies/audit-image-tag.yaml', '--resource', 'test/fixtures/cli/resources']);
    expect(lastLine(r.out)).toBe('pass: 1, fail: 1, warn: 0, error: 0, skip: 0');
    expect(r.code).toBe(0);
  });

  test('--json', async () => {
    const r = await run([...argv, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({
      summary: { pass: 2, fail: 2, warn: 0, error: 0, skip: 0 },
      results: expect.arrayContaining([
        expect.objectContaining({ policy: 'require-labels', rule: 'check-team', result: 'fail', action: 'Enforce', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'badpod' } }),
      ]),
      policyErrors: [],
    });
  });

  test('values and userinfo files', async () => {
    const dir = 'test/fixtures/cli/good/values-and-userinfo';
    const r = await run(['apply', '--policy', `${dir}/policy.yaml`, '--resource', `${dir}/resources.yaml`, '--values', `${dir}/values.yaml`, '--userinfo', `${dir}/userinfo.yaml`]);
    expect(lines(r.out)).toContainEqual(expect.stringMatching(/^FAIL \(Audit\) guard\/no-deletes Pod default\/deletedpod: .*deleting deletedpod is not allowed/));
    expect(lines(r.out)).toContainEqual(expect.stringMatching(/^FAIL \(Audit\) guard\/admins-must-annotate Pod prod\/prodpod: .*admin@corp\.example/));
    expect(r.code).toBe(0);
  });

  test('policy load errors are printed and the other policies still run', async () => {
    const broken = tempFile('broken.yaml', 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: broken\nspec:\n  rules: 5\n');
    const r = await run(['apply', '--policy', broken, 'test/fixtures/cli/policies/audit-image-tag.yaml', '--resource', 'test/fixtures/cli/resources']);
    expect(r.err).toMatch(/^policy error: .*broken\.yaml#1/);
    expect(lastLine(r.out)).toBe('pass: 1, fail: 1, warn: 0, error: 0, skip: 0');
  });

  test.each([
    { argv: ['apply', '--resource', 'x'], err: /missing flag: --policy/ },
    { argv: ['apply', '--policy', 'test/fixtures/cli/policies'], err: /missing flag: --resource/ },
    { argv: ['apply', '--policy', 'nope.yaml', '--resource', 'x'], err: /nope\.yaml: file or directory not found/ },
    { argv: [...argv, '--values'], err: /flag --values needs a value/ },
    { argv: [...argv, '--values', 'missing.yaml'], err: /missing\.yaml: file not found/ },
    { argv: ['apply', '--policy', 'test/fixtures/cli/policies', '--resource', 'test/fixtures/cli/bad/broken-yaml'], err: /kyverno-test\.yaml:\d+: invalid YAML/ },
  ])('usage error $err', async ({ argv: a, err }) => {
    const r = await run(a);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(err);
    expect(lines(r.err)).toHaveLength(1);
  });
});

describe('tollgate review', () => {
  const review = readFileSync(path.join(root, 'test/fixtures/cli/review/pod-review.json'), 'utf8');

  test('denied request: same apiVersion, uid echoed, exit 1', async () => {
    const r = await run(['review', '--policy', 'test/fixtures/cli/policies', '--cluster-resources', 'test/fixtures/cli/review/cluster'], review);
    const parsed: unknown = JSON.parse(r.out);
    expect(parsed).toMatchObject({
      apiVersion: 'admission.k8s.io/v1beta1',
      kind: 'AdmissionReview',
      response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: false, status: { code: 403 } },
    });
    expect(r.code).toBe(1);
  });

  test('namespace labels and ConfigMaps come from --cluster-resources', async () => {
    const withCluster = await run(['review', '--policy', 'test/fixtures/cli/review/policies', '--cluster-resources', 'test/fixtures/cli/review/cluster'], review);
    expect(JSON.parse(withCluster.out)).toMatchObject({ response: { allowed: false, status: { message: expect.stringContaining('namespace default is frozen: release week') } } });
    expect(withCluster.code).toBe(1);
    const without = await run(['review', '--policy', 'test/fixtures/cli/review/policies'], review);
    expect(JSON.parse(without.out)).toEqual({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true } });
    expect(without.code).toBe(0);
  });

  test('YAML input, allowed request', async () => {
    const yamlReview = [
      'apiVersion: admission.k8s.io/v1', 'kind: AdmissionReview', 'request:', '  uid: abc',
      '  kind: {group: "", version: v1, kind: Pod}', '  resource: {group: "", version: v1, resource: pods}',
      '  operation: CREATE', '  namespace: default', '  userInfo: {username: bob}',
      '  object: {apiVersion: v1, kind: Pod, metadata: {name: ok, namespace: default, labels: {team: a}}, spec: {containers: [{name: c, image: "nginx:1"}]}}',
    ].join('\n');
    const r = await run(['review', '--policy', 'test/fixtures/cli/policies'], yamlReview);
    expect(JSON.parse(r.out)).toEqual({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'abc', allowed: true } });
    expect(r.code).toBe(0);
  });

  test.each([
    { stdin: '', err: /expected one AdmissionReview document, got 0/ },
    { stdin: '{"apiVersion": "v1"', err: /<stdin>:\d+: invalid YAML/ },
    { stdin: '{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}', err: /invalid AdmissionReview: request: required/ },
  ])('bad input: $err', async ({ stdin, err }) => {
    const r = await run(['review', '--policy', 'test/fixtures/cli/policies'], stdin);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(err);
    expect(r.out).toBe('');
  });
});

describe('dispatch and help', () => {
  test.each([
    { argv: ['--help'], code: 0, out: /Usage: tollgate <command>/ },
    { argv: ['help', 'apply'], code: 0, out: /Usage: tollgate apply --policy/ },
    { argv: ['test', '--help'], code: 0, out: /Usage: tollgate test <dir>/ },
    { argv: ['review', '-h'], code: 0, out: /Usage: tollgate review/ },
    { argv: [], code: 2, out: /Usage: tollgate <command>/ },
  ])('$argv', async ({ argv, code, out }) => {
    const r = await run(argv);
    expect(r.code).toBe(code);
    expect(r.out).toMatch(out);
  });

  test.each([['frobnicate'], ['help', 'frobnicate']])('unknown command %s', async (...argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command: frobnicate/);
  });
});

describe('the built CLI', () => {
  const bin = path.join(root, 'dist/src/cli/main.js');

  test('runs as a process (needs `npm run build`)', () => {
    expect(existsSync(bin)).toBe(true);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const r = spawnSync(process.execPath, [bin, 'test', 'test/fixtures/cli/good'], { cwd: root, encoding: 'utf8' });
    expect(lastLine(r.stdout)).toBe('3 passed, 0 failed');
    expect(r.status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, 'apply', '--nope'], { cwd: root, encoding: 'utf8' });
    expect([bad.status, bad.stderr]).toEqual([2, 'tollgate apply: unknown flag: --nope\n']);
  });
});
