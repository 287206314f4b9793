import type { Condition, Conditions } from '../../../src/api/policy.js';
import {
  evaluateCondition,
  evaluateConditions,
  evaluateConditionsWith,
  resolveOperator,
} from '../../../src/engine/conditions/index.js';

const T = (message?: string): Condition => ({ key: 'a', operator: 'Equals', value: 'a', message });
const F = (message?: string): Condition => ({ key: 'a', operator: 'Equals', value: 'b', message });
const BAD: Condition = { key: 'a', operator: 'Matches', value: 'a', message: 'bad' };

type Row = [name: string, conditions: Conditions | null | undefined, passed: boolean, failed: string[], passedMsgs: string[], message: string];

const rows: Row[] = [
  ['missing conditions hold', undefined, true, [], [], ''],
  ['null conditions hold', null, true, [], [], ''],
  ['empty object holds', {}, true, [], [], ''],
  ['null blocks hold', { any: undefined, all: undefined }, true, [], [], ''],
  ['empty all holds', { all: [] }, true, [], [], ''],
  ['empty any never holds (non-nil empty list)', { any: [] }, false, [], [], ''],
  ['empty legacy list holds', [], true, [], [], ''],
  ['all: every one holds', { all: [T('t1'), T('t2')] }, true, [], ['t1', 't2'], 't1; t2'],
  ['all: stops at first failure', { all: [T('t1'), F('f1'), F('f2')] }, false, ['f1'], ['t1'], 'f1'],
  ['any: stops at first success', { any: [F('f1'), T('t1'), T('t2')] }, true, ['f1'], ['t1'], 't1'],
  ['any: none holds', { any: [F('f1'), F('f2')] }, false, ['f1', 'f2'], [], 'f1; f2'],
  ['any and all both hold', { any: [F('f1'), T('t1')], all: [T('t2')] }, true, ['f1'], ['t1', 't2'], 't1; t2'],
  ['any holds, all fails', { any: [T('t1')], all: [T('t2'), F('f2')] }, false, ['f2'], ['t1', 't2'], 'f2'],
  ['any fails, all holds', { any: [F('f1')], all: [T('t2')] }, false, ['f1'], ['t2'], 'f1'],
  ['any fails, all fails', { any: [F('f1'), F('f2')], all: [T('t3'), F('f3')] }, false, ['f1', 'f2', 'f3'], ['t3'], 'f1; f2; f3'],
  ['empty messages are left out', { any: [F(), F('f2')], all: [T()] }, false, ['f2'], [], 'f2'],
  ['legacy list: all hold', [T('t1'), T('t2')], true, [], ['t1', 't2'], 't1;t2'],
  ['legacy list: first failure wins', [T('t1'), F('f1'), F('f2')], false, ['f1'], ['t1'], 'f1'],
  ['legacy list: failure without message', [F()], false, [], [], ''],
  // Conditions past a short-circuit are never evaluated, so an invalid operator there is harmless.
  ['any: unknown operator after a success is not reached', { any: [T(), BAD] }, true, [], [], ''],
  ['all: unknown operator after a failure is not reached', { all: [F('f'), BAD] }, false, ['f'], [], 'f'],
  ['legacy: unknown operator after a failure is not reached', [F('f'), BAD], false, ['f'], [], 'f'],
];

describe('evaluateConditions', () => {
  it.each(rows)('%s', (_name, conditions, passed, failedMessages, passedMessages, message) => {
    expect(evaluateConditions(conditions)).toEqual({ kind: 'ok', passed, failedMessages, passedMessages, message });
  });

  it.each<[string, unknown]>([
    ['unknown operator in all', { all: [BAD] }],
    ['unknown operator in any, even when all would fail', { any: [BAD], all: [F()] }],
    ['unknown operator in all after any failed', { any: [F()], all: [BAD] }],
    ['unknown operator in a legacy list', [T(), BAD]],
    ['missing operator', { all: [{ key: 'a', value: 'a' }] }],
    ['condition that is not an object', { all: ['a'] }],
    ['any that is not a list', { any: { key: 'a' } }],
    ['all that is not a list', { all: 'x' }],
    ['conditions that are neither list nor object', 'x'],
  ])('reports an error: %s', (_name, conditions) => {
    const out = evaluateConditions(conditions as Conditions);
    expect(out.kind).toBe('error');
  });

  it('names the unknown operator in the error', () => {
    expect(evaluateConditions({ all: [BAD] })).toEqual({ kind: 'error', message: 'unsupported condition operator "Matches"' });
  });
});

describe('evaluateConditionsWith (lazy preparation)', () => {
  const raw = (key: string, value: string): Condition => ({ key: `{{ ${key} }}`, operator: 'Equals', value });
  const vars: Record<string, string> = { op: 'CREATE', kind: 'Pod' };
  const prepare = (seen: string[]) => (c: Condition) => {
    const name = String(c.key).replace(/[{} ]/g, '');
    seen.push(name);
    const resolved = vars[name];
    return resolved === undefined
      ? { kind: 'error' as const, message: `variable ${name} not found` }
      : { kind: 'ok' as const, condition: { ...c, key: resolved } };
  };

  it('prepares only the conditions it reaches', () => {
    const seen: string[] = [];
    const out = evaluateConditionsWith({ any: [raw('op', 'CREATE'), raw('missing', 'x')] }, prepare(seen));
    expect(out).toMatchObject({ kind: 'ok', passed: true });
    expect(seen).toEqual(['op']);
  });

  it('surfaces a preparation error when the condition is reached', () => {
    const seen: string[] = [];
    const out = evaluateConditionsWith({ all: [raw('kind', 'Pod'), raw('missing', 'x')] }, prepare(seen));
    expect(out).toEqual({ kind: 'error', message: 'variable missing not found' });
    expect(seen).toEqual(['kind', 'missing']);
  });
});

describe('evaluateCondition', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['Equals', 'a', 'a', true],
    ['equals', 'a', 'a', true],
    ['EQUALS', 'a', 'b', false],
    ['anyin', 'a', ['a'], true],
    ['greaterthan', '1h', '1h', false],
    ['greaterthanorequals', '1h', '1h', true],
    ['durationlessthanorequals', '1h', '2h', true],
  ])('operator names are case-insensitive: %s', (operator, key, value, expected) => {
    expect(evaluateCondition({ key, operator, value })).toEqual({ kind: 'ok', passed: expected });
  });

  it.each(['Exists', 'Contains', 'Matches', '', 'Equals '])('rejects unknown operator %p', (operator) => {
    expect(evaluateCondition({ key: 'a', operator, value: 'a' }).kind).toBe('error');
  });

  it('treats a missing value as null', () => {
    expect(evaluateCondition({ key: 'a', operator: 'NotEquals' })).toEqual({ kind: 'ok', passed: true });
    expect(evaluateCondition({ key: 'a', operator: 'AnyNotIn' })).toEqual({ kind: 'ok', passed: false });
  });
});

describe('resolveOperator', () => {
  it.each([
    ['equals', 'Equals'],
    ['Equal', 'Equal'],
    ['notin', 'NotIn'],
    ['ALLNOTIN', 'AllNotIn'],
    ['DurationGreaterThan', 'DurationGreaterThan'],
    ['Exists', undefined],
    [42, undefined],
  ])('%p', (input, expected) => {
    expect(resolveOperator(input)).toBe(expected);
  });
});
