import { isRangePattern, matchesStringPattern, patternOperator } from '../../../src/engine/conditions/range-pattern.js';

describe('patternOperator', () => {
  it.each([
    ['1-10', '-'],
    ['1.5-2.5', '-'],
    ['1Gi-2Gi', '-'],
    ['1h-2h', '-'],
    ['+1-10', '-'],
    ['-5-10', '-'],
    ['1!-10', '!-'],
    ['>=5', '>='],
    ['<=5', '<='],
    ['>5', '>'],
    ['<5', '<'],
    ['!5', '!'],
    ['5', ''],
    ['a-b', ''],
    ['1-2-3', ''],
    ['1.1.1.1', ''],
    ['2024-01-01', ''],
  ])('%s', (pattern, op) => {
    expect(patternOperator(pattern)).toBe(op);
    expect(isRangePattern(pattern)).toBe(op === '-');
  });
});

describe('matchesStringPattern', () => {
  it.each([
    ['5', '1-10', true],
    ['1', '1-10', true],
    ['10', '1-10', true],
    ['0', '1-10', false],
    ['11', '1-10', false],
    ['10.5', '1-10', false],
    ['1.002', '1.001-10', true],
    ['1536Mi', '1Gi-2Gi', true],
    ['3Gi', '1Gi-2Gi', false],
    ['90m', '1h-2h', true],
    ['3h', '1h-2h', false],
    ['abc', '1-10', false],
    ['1-10', '1-10', true],
    // a negative lower bound splits into an empty endpoint and never matches
    ['0', '-5-10', false],
    ['0', '1!-10', true],
    ['5', '1!-10', false],
    ['11', '1!-10', true],
    // alternatives and conjunctions
    ['5', '1-2 | 4-6', true],
    ['3', '1-2 | 4-6', false],
    ['5', '>1 & <10', true],
    ['abc', 'a*', true],
    ['abc', '!a*', false],
  ])('%s against %s', (value, pattern, expected) => {
    expect(matchesStringPattern(value, pattern)).toBe(expected);
  });
});
