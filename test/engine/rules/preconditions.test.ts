import type { Conditions } from '../../../src/api/policy.js';
import { createJmespath } from '../../../src/engine/jmespath/index.js';
import { EvaluationMemo } from '../../../src/engine/rules/evaluation-memo.js';
import { checkConditions, conditionsKey } from '../../../src/engine/rules/preconditions.js';

const env = { now: () => 0, random: () => 0.5 };

describe('conditionsKey', () => {
  test.each<[string, Conditions | undefined, boolean]>([
    ['plain variables', { all: [{ key: "{{ request.operation || 'BACKGROUND' }}", operator: 'NotEquals', value: 'DELETE' }] }, true],
    ['legacy list', [{ key: '{{ request.operation }}', operator: 'Equals', value: 'CREATE' }], true],
    ['a function call', { any: [{ key: '{{ time_now_utc() }}', operator: 'NotEquals', value: '' }] }, false],
    ['a reference', { any: [{ key: '$(./x)', operator: 'Equals', value: 'a' }] }, false],
    ['none', undefined, false],
  ])('%s', (_name, conditions, keyed) => {
    expect(conditionsKey(conditions) !== undefined).toBe(keyed);
  });

  test('equal text gives equal keys, different text different keys', () => {
    const a: Conditions = { all: [{ key: '{{ request.operation }}', operator: 'Equals', value: 'CREATE' }] };
    const b: Conditions = { all: [{ key: '{{ request.operation }}', operator: 'Equals', value: 'CREATE' }] };
    const c: Conditions = { all: [{ key: '{{ request.operation }}', operator: 'Equals', value: 'UPDATE' }] };
    expect(conditionsKey(a)).toBe(conditionsKey(b));
    expect(conditionsKey(a)).not.toBe(conditionsKey(c));
  });
});

describe('EvaluationMemo.baseConditions', () => {
  test('computes a key once and returns what a fresh check returns', () => {
    const memo = new EvaluationMemo();
    const jmespath = createJmespath(env);
    const conditions: Conditions = { all: [{ key: '{{ request.operation }}', operator: 'NotEquals', value: 'DELETE', message: 'not a delete' }] };
    const data = { request: { operation: 'CREATE' } };
    let runs = 0;
    const check = () => {
      runs++;
      return checkConditions(conditions, data, jmespath);
    };
    const key = conditionsKey(conditions) ?? '';
    const first = memo.baseConditions(key, check);
    expect(memo.baseConditions(key, check)).toBe(first);
    expect(runs).toBe(1);
    expect(first).toEqual(checkConditions(conditions, data, jmespath));
    expect(first).toEqual({ kind: 'ok', holds: true, message: 'not a delete' });
  });
});
