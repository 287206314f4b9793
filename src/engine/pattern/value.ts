/**
 * Scalar pattern matching (Kyverno's pattern.Validate): one resource value against one pattern leaf.
 * String patterns carry the operator language: `a | b` alternatives, `a & b` conjunction, `!x`, `>x`, `<x`,
 * `>=x`, `<=x`, ranges `a-b` / `a!-b`, and wildcards. Operands are compared as Go durations first,
 * then as Kubernetes quantities, then as (wildcard) strings.
 */
import { isRecord } from '../../api/json.js';
import {
  compareQuantities,
  formatNumberE,
  formatNumberF,
  goParseFloat,
  parseDurationBig,
  parseQuantity,
  wildcardMatch,
} from '../values/index.js';
import { operatorOf, rangeEndpoints, type PatternOperator } from './operator.js';

type Comparison = Exclude<PatternOperator, '-' | '!-'>;

/** Whether `value` (missing = undefined, treated like null) satisfies the scalar pattern. */
export function validateValue(value: unknown, pattern: unknown): boolean {
  if (typeof pattern === 'boolean') return typeof value === 'boolean' && value === pattern;
  if (typeof pattern === 'number') return validateNumber(value, pattern);
  if (pattern === null || pattern === undefined) return validateNull(value);
  if (typeof pattern === 'string') return validateStringPattern(value, pattern);
  // A map pattern only asks for a map; arrays are not scalar patterns.
  if (isRecord(pattern)) return isRecord(value);
  return false;
}

function validateNumber(value: unknown, pattern: number): boolean {
  if (typeof value === 'number') return value === pattern;
  if (typeof value === 'string') return goParseFloat(value) === pattern;
  return false;
}

/** A null pattern accepts every zero value: null, missing, 0, "", false. */
function validateNull(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'string') return value === '';
  if (typeof value === 'boolean') return !value;
  return false;
}

function validateStringPattern(value: unknown, pattern: string): boolean {
  if (value === pattern) return true;
  // `|` binds looser than `&`; each term is trimmed of spaces only.
  return pattern
    .split('|')
    .some((alt) => trimSpaces(alt).split('&').every((term) => validateTerm(value, trimSpaces(term))));
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

function validateTerm(value: unknown, term: string): boolean {
  const op = operatorOf(term);
  if (op === '-' || op === '!-') {
    const ends = rangeEndpoints(term, op === '!-');
    if (ends === undefined) return false;
    const [low, high] = ends;
    return op === '-'
      ? validateTerm(value, `>= ${low}`) && validateTerm(value, `<= ${high}`)
      : validateTerm(value, `< ${low}`) || validateTerm(value, `> ${high}`);
  }
  return compareOperand(value, term.slice(op.length).trim(), op);
}

function compareOperand(value: unknown, operand: string, op: Comparison): boolean {
  const asDuration = compareParsed(parseDurationBig, compareDurations, value, operand, op);
  if (asDuration !== undefined) return asDuration;
  const asQuantity = compareParsed(parseQuantity, compareQuantities, value, operand, op);
  if (asQuantity !== undefined) return asQuantity;
  return compareAsString(value, operand, op);
}

/** The resource value as Kyverno hands it to the duration and quantity parsers (null/missing reads as "0"). */
function parsableString(value: unknown): string | undefined {
  if (value === null || value === undefined) return '0';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumberF(value);
  return undefined;
}

function holds(cmp: -1 | 0 | 1, op: Comparison): boolean {
  switch (op) {
    case '':
      return cmp === 0;
    case '!':
      return cmp !== 0;
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
  }
}

function compareDurations(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares when both the operand and the value parse; undefined (try the next kind) otherwise. */
function compareParsed<T>(
  parse: (s: string) => T | undefined,
  order: (have: T, want: T) => -1 | 0 | 1,
  value: unknown,
  operand: string,
  op: Comparison,
): boolean | undefined {
  const want = parse(operand);
  if (want === undefined) return undefined;
  const s = parsableString(value);
  const have = s === undefined ? undefined : parse(s);
  if (have === undefined) return undefined;
  return holds(order(have, want), op);
}

/** Only equality and `!` apply to strings; they use wildcard matching. */
function compareAsString(value: unknown, operand: string, op: Comparison): boolean {
  if (op !== '' && op !== '!') return false;
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number') s = formatNumberE(value);
  else if (typeof value === 'boolean') s = String(value);
  else return false;
  const matched = wildcardMatch(operand, s);
  return op === '!' ? !matched : matched;
}
