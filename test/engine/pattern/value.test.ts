import { validateValue } from '../../../src/engine/pattern/index.js';

// [resource value, pattern, expected]; `undefined` is a missing field.
type Row = [unknown, unknown, boolean];

describe('validateValue: typed patterns', () => {
  it.each<Row>([
    [true, true, true],
    [false, true, false],
    ['true', true, false],
    [1, true, false],
    [undefined, false, false],
    [1, 1, true],
    [1.5, 1.5, true],
    [2, 1, false],
    ['1', 1, true],
    ['1.0', 1, true],
    ['1e0', 1, true],
    ['+1', 1, true],
    [' 1', 1, false],
    ['one', 1, false],
    [true, 1, false],
    [null, 0, false],
    [undefined, 0, false],
    [null, null, true],
    [undefined, null, true],
    [0, null, true],
    ['', null, true],
    [false, null, true],
    [1, null, false],
    ['a', null, false],
    [true, null, false],
    [{}, null, false],
    [[], null, false],
    [{ a: 1 }, { b: 2 }, true],
    ['x', { b: 2 }, false],
    ['x', ['x'], false],
  ])('%j against %j -> %s', (value, pattern, expected) => {
    expect(validateValue(value, pattern)).toBe(expected);
  });
});

describe('validateValue: wildcards and literal strings', () => {
  it.each<Row>([
    ['nginx', 'nginx', true],
    ['nginx', 'Nginx', false],
    ['nginx:latest', '*:latest', true],
    ['nginx:1.25', '*:latest', false],
    ['', '', true],
    [undefined, '', false],
    [null, '', false],
    ['x', '', false],
    ['anything', '*', true],
    [undefined, '*', false],
    [{}, '*', false],
    ['', '?*', false],
    ['a', '?*', true],
    [undefined, '?*', false],
    [12, '?*', true],
    [true, '?*', true],
    ['ab', 'a?', true],
    ['abc', 'a?', false],
    [true, 'true', true],
    [false, 'false', true],
    [true, 'false', false],
    [1, '1', true],
    [1.5, '1.5', true],
    // Kyverno prints non-integral floats as 1.5E+00 before wildcard matching.
    [1.5, '1.5E+00', true],
    [1.5, '1.5*', true],
    // Kyverno reads `1E-03` as the range 1E (10^18) to 03, not as a number.
    [0.001, '1E-03', false],
    [0.001, '1E-3*', false],
    ['>', '>', true],
    ['a', '>', false],
    ['a&b', 'a&b', true],
    ['a|b', 'a|b', true],
  ])('%j against %j -> %s', (value, pattern, expected) => {
    expect(validateValue(value, pattern)).toBe(expected);
  });
});

describe('validateValue: | alternatives, & conjunction, ! negation', () => {
  it.each<Row>([
    ['a', 'a | b', true],
    ['b', 'a|b', true],
    ['c', 'a | b', false],
    ['RuntimeDefault', 'RuntimeDefault | Localhost', true],
    ['Unconfined', 'RuntimeDefault | Localhost', false],
    [undefined, 'RuntimeDefault | Localhost', false],
    ['ab', 'a* & *b', true],
    ['ac', 'a* & *b', false],
    ['a', 'a & b', false],
    [5, '>1 & <10', true],
    [15, '>1 & <10', false],
    [15, '<3 | >10 & <20', true],
    [25, '<3 | >10 & <20', false],
    ['prod', '!default', true],
    ['default', '!default', false],
    [undefined, '!default', false],
    [null, '!default', false],
    ['nginx:1.0', '!*:latest', true],
    ['nginx:latest', '!*:latest', false],
    ['helm-tiller', '!*tiller*', false],
    [0, '!0', false],
    [1, '!0', true],
    [undefined, '!0', false],
    [true, '!true', false],
    [false, '!true', true],
  ])('%j against %j -> %s', (value, pattern, expected) => {
    expect(validateValue(value, pattern)).toBe(expected);
  });
});

describe('validateValue: comparisons on numbers, quantities and durations', () => {
  it.each<Row>([
    [5, '>4', true],
    [4, '>4', false],
    [4, '>=4', true],
    [3, '<4', true],
    [4, '<4', false],
    [4, '<=4', true],
    [5, '> 4', true],
    ['5', '>4', true],
    [1000, '>0', true],
    [0, '>0', false],
    [-1, '<0', true],
    [0.5, '<1', true],
    [1.5, '>1', true],
    // A missing value reads as 0 for numeric comparisons.
    [undefined, '<5', true],
    [undefined, '>0', false],
    [null, '0', true],
    [undefined, '>=0', true],
    ['abc', '>1', false],
    [true, '>0', false],
    ['abc', '>abc', false],
    ['1Gi', '<=2Gi', true],
    ['3Gi', '<=2Gi', false],
    ['2Gi', '>1G', true],
    ['1G', '<1Gi', true],
    ['1500m', '>1', true],
    ['500m', '<1', true],
    ['1', '1000m', true],
    ['1e3', '1k', true],
    ['0.1', '100m', true],
    ['100m', '!0.1', false],
    [2, '2000m', true],
    ['30s', '<1m', true],
    ['2m', '<1m', false],
    ['1h', '>=60m', true],
    ['90s', '1m30s', true],
    ['0', '0s', true],
    [undefined, '<1s', true],
    ['1h', '!60m', false],
    [5, '5s', false],
    ['10m', '>1Gi', false],
  ])('%j against %j -> %s', (value, pattern, expected) => {
    expect(validateValue(value, pattern)).toBe(expected);
  });
});

describe('validateValue: ranges', () => {
  it.each<Row>([
    [5, '1-10', true],
    [1, '1-10', true],
    [10, '1-10', true],
    [0, '1-10', false],
    [11, '1-10', false],
    ['5', '1-10', true],
    [-3, '-5-0', true],
    [-6, '-5-0', false],
    ['5Gi', '1Gi-10Gi', true],
    ['11Gi', '1Gi-10Gi', false],
    ['30s', '10s-1m', true],
    ['2m', '10s-1m', false],
    [1.5, '1.2-1.8', true],
    [5, '1!-10', false],
    [0, '1!-10', true],
    [11, '1!-10', true],
    [10, '1!-10', false],
    ['20Gi', '1Gi!-10Gi', true],
    // Not a range: the first endpoint must start with a digit or sign.
    ['a-b', 'a-b', true],
    ['x', 'a-b', false],
  ])('%j against %j -> %s', (value, pattern, expected) => {
    expect(validateValue(value, pattern)).toBe(expected);
  });
});

describe('validateValue: string keys of the In-family operators against ranges', () => {
  it.each<Row>([
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
    // The endpoints come from the range regex, so a negative lower bound works.
    ['0', '-5-10', true],
    ['-6', '-5-10', false],
    ['0', '1!-10', true],
    ['5', '1!-10', false],
    ['11', '1!-10', true],
    // alternatives and conjunctions
    ['5', '1-2 | 4-6', true],
    ['3', '1-2 | 4-6', false],
    ['5', '>1 & <10', true],
    ['abc', 'a*', true],
    ['abc', '!a*', false],
  ])('%j against %j -> %s', (value, pattern, expected) => {
    expect(validateValue(value, pattern)).toBe(expected);
  });
});
