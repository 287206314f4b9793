import type { CheckResult } from '../../../src/cli/test/checks.js';
import { describeCheck, exitCodeOf, parseBaseline, renderCase, renderJson, renderText, summarizeRun } from '../../../src/cli/test/report.js';
import type { CaseReport } from '../../../src/cli/test/run-case.js';

const check = (c: Partial<CheckResult>): CheckResult => ({
  policy: 'p', rule: 'r', kind: 'Pod', resource: 'default/x', expected: 'fail', actual: 'fail', outcome: 'pass', message: 'msg', ...c,
});
const kase = (c: Partial<CaseReport>): CaseReport => ({ name: 'case', testName: 't', file: '/f', status: 'pass', checks: [], warnings: [], ...c });

const passing = kase({ name: 'a-pass', checks: [check({}), check({ outcome: 'lenient', actual: 'no-response', message: 'no rule response' })] });
const failing = kase({ name: 'b-fail', status: 'fail', reason: '1 of 1 checks failed', checks: [check({ expected: 'pass', actual: 'fail', outcome: 'fail', message: 'line one\n  line two' })] });
const unsupported = kase({ name: 'c-unsupported', status: 'fail', reason: 'unsupported: mutate rules' });

describe('test report', () => {
  test('describeCheck', () => {
    expect(describeCheck(check({ expected: 'pass', actual: 'fail', message: 'a\nb' }))).toBe('policy p, rule r, Pod default/x: expected pass, got fail: a b');
    expect(describeCheck(check({ rule: undefined, actual: 'not-found', message: '' }))).toBe('policy p, rule *, Pod default/x: expected fail, got not found');
  });

  test('case lines', () => {
    expect(renderCase(passing, false)).toEqual([
      'PASS a-pass (2 checks)',
      '  lenient check (passes as in the Kyverno CLI): policy p, rule r, Pod default/x: expected fail, got no rule response: no rule response',
    ]);
    expect(renderCase(passing, true)).toEqual([]);
    expect(renderCase(failing, true)).toEqual([
      'FAIL b-fail: 1 of 1 checks failed',
      '  failed check: policy p, rule r, Pod default/x: expected pass, got fail: line one line two',
    ]);
    expect(renderCase(kase({ warnings: ['p.yaml#1 spec: bad'] }), false)).toEqual(['PASS case (0 checks)', '  warning: p.yaml#1 spec: bad']);
  });

  test('text ends with the summary line, after the baseline comparison', () => {
    const text = renderText(summarizeRun([passing, failing, unsupported], { passed: 1 }), false);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
    expect(lines.at(-2)).toBe('baseline: 1 cases pass, baseline is 1: ok');
    expect(lines).toContain('FAIL c-unsupported: unsupported: mutate rules');
    expect(text.endsWith('\n')).toBe(true);
  });

  test.each([
    { cases: [passing], baseline: undefined, code: 0 },
    { cases: [passing, failing], baseline: undefined, code: 1 },
    { cases: [passing, failing], baseline: { passed: 1 }, code: 0 },
    { cases: [passing, failing], baseline: { passed: 0 }, code: 0 },
    { cases: [passing, failing], baseline: { passed: 2 }, code: 1 },
  ])('exit code $code', ({ cases, baseline, code }) => {
    expect(exitCodeOf(summarizeRun(cases, baseline))).toBe(code);
  });

  test('regression message', () => {
    const text = renderText(summarizeRun([failing], { passed: 3 }), true);
    expect(text).toBe('FAIL b-fail: 1 of 1 checks failed\n  failed check: policy p, rule r, Pod default/x: expected pass, got fail: line one line two\nbaseline: 0 cases pass, fewer than the baseline of 3: conformance regressed\n0 passed, 1 failed\n');
  });

  test('json holds cases and checks', () => {
    const parsed: unknown = JSON.parse(renderJson(summarizeRun([passing, failing]), false));
    expect(parsed).toMatchObject({ passed: 1, failed: 1, cases: [{ name: 'a-pass', checks: [{ policy: 'p', rule: 'r', expected: 'fail', actual: 'fail' }, {}] }, { name: 'b-fail' }] });
    expect(JSON.parse(renderJson(summarizeRun([passing, failing]), true))).toMatchObject({ passed: 1, failed: 1, cases: [{ name: 'b-fail' }] });
  });

  test.each([
    [{ passed: 3 }, { passed: 3 }], [{ passed: 0, note: 'x' }, { passed: 0 }], [{ passed: -1 }, undefined], [{ passed: 1.5 }, undefined], [{}, undefined], [[], undefined], ['3', undefined],
  ])('parseBaseline(%j)', (raw, want) => expect(parseBaseline(raw)).toEqual(want));
});
