import { operatorOf, rangeEndpoints } from '../../../src/engine/pattern/index.js';

describe('operatorOf', () => {
  it.each([
    ['>=5', '>='],
    ['<=5', '<='],
    ['>5', '>'],
    ['<5', '<'],
    ['!foo', '!'],
    ['!-5', '!'],
    ['1-10', '-'],
    ['-5-0', '-'],
    ['+1-+2', '-'],
    ['1Gi-10Gi', '-'],
    ['1.5-2.5', '-'],
    ['1!-10', '!-'],
    ['1Gi!-10Gi', '!-'],
    ['>', ''],
    ['!', ''],
    ['', ''],
    ['foo', ''],
    ['a-b', ''],
    ['1-2-3', ''],
    ['1--2', '-'],
    ['1 - 2', ''],
    ['1Gi-2Gi', '-'],
    ['1h-2h', '-'],
    ['+1-10', '-'],
    ['-5-10', '-'],
    ['!5', '!'],
    ['5', ''],
    ['1.1.1.1', ''],
    ['2024-01-01', ''],
  ])('%j -> %j', (term, op) => {
    expect(operatorOf(term)).toBe(op);
  });
});

describe('rangeEndpoints', () => {
  it.each([
    ['1-10', false, ['1', '10']],
    ['-5--1', false, ['-5', '-1']],
    ['1Gi!-10Gi', true, ['1Gi', '10Gi']],
    ['1!-10', false, undefined],
    ['abc', false, undefined],
  ] as const)('%j (negated %s)', (term, negated, expected) => {
    expect(rangeEndpoints(term, negated)).toEqual(expected);
  });
});
