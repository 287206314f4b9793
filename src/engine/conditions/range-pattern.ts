/**
 * The slice of Kyverno's string-pattern language that the In-family operators reach when the value is a
 * range such as `8000-9000` or `1Gi-2Gi`: Kyverno hands the (stringified) key and the range to its
 * pattern validator, which splits `|` / `&`, rewrites `a-b` as `>= a` and `<= b`, and compares as
 * durations, then quantities, then (for equality only) wildcards.
 */
import { compareQuantities, parseDuration, parseQuantity, wildcardMatch } from '../values/index.js';

type PatternOp = '' | '>=' | '<=' | '>' | '<' | '!' | '-' | '!-';

const IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;
const NOT_IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)!-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;

export function patternOperator(pattern: string): PatternOp {
  if (pattern.length < 2) return '';
  for (const op of ['>=', '<=', '>', '<', '!'] as const) {
    if (pattern.startsWith(op)) return op;
  }
  if (NOT_IN_RANGE.test(pattern)) return '!-';
  if (IN_RANGE.test(pattern)) return '-';
  return '';
}

export function isRangePattern(pattern: string): boolean {
  return patternOperator(pattern) === '-';
}

/** Whether `value` satisfies the string pattern (Kyverno's pattern.Validate for a string pattern). */
export function matchesStringPattern(value: string, pattern: string): boolean {
  if (value === pattern) return true;
  return pattern.split('|').some((alternative) =>
    trimSpaces(alternative)
      .split('&')
      .every((part) => matchesSingle(value, trimSpaces(part))),
  );
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

function matchesSingle(value: string, pattern: string): boolean {
  const op = patternOperator(pattern);
  if (op === '-') {
    // Split on every dash like Kyverno, so a negative lower bound never parses (and never matches).
    const ends = pattern.split('-');
    return matchesSingle(value, `>= ${ends[0]}`) && matchesSingle(value, `<= ${ends[1]}`);
  }
  if (op === '!-') {
    const ends = pattern.split('!-');
    return matchesSingle(value, `< ${ends[0]}`) || matchesSingle(value, `> ${ends[1]}`);
  }
  return compareWith(value, pattern.slice(op.length).trim(), op);
}

function holds(op: PatternOp, order: -1 | 0 | 1): boolean {
  switch (op) {
    case '':
      return order === 0;
    case '!':
      return order !== 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '>=':
      return order >= 0;
    case '<=':
      return order <= 0;
    default:
      return false;
  }
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareWith(value: string, pattern: string, op: PatternOp): boolean {
  const pd = parseDuration(pattern);
  const vd = pd === undefined ? undefined : parseDuration(value);
  if (pd !== undefined && vd !== undefined && holds(op, sign(vd - pd))) return true;
  const pq = parseQuantity(pattern);
  const vq = pq === undefined ? undefined : parseQuantity(value);
  if (pq !== undefined && vq !== undefined && holds(op, compareQuantities(vq, pq))) return true;
  if (op === '') return wildcardMatch(pattern, value);
  if (op === '!') return !wildcardMatch(pattern, value);
  return false;
}
