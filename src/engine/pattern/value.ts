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
  type Quantity,
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
  return value === pattern || holdsAny(value, compiledStringPattern(pattern));
}

function holdsAny(value: unknown, alternatives: CompiledStringPattern): boolean {
  for (const alternative of alternatives) {
    let all = true;
    for (const term of alternative) {
      if (!validateTerm(value, term)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** A scalar pattern leaf, its string operator language parsed once. */
export type ScalarTest = (value: unknown) => boolean;

/** The test `validateValue(value, pattern)` makes, prepared for one pattern leaf of a compiled pattern. */
export function compileScalar(pattern: string | number | boolean | null | undefined): ScalarTest {
  if (typeof pattern !== 'string') return (value) => validateValue(value, pattern);
  const alternatives = parseStringPattern(pattern);
  return (value) => value === pattern || holdsAny(value, alternatives);
}

/** An operand with its duration and quantity readings, parsed once with the pattern. */
interface Operand {
  text: string;
  duration: bigint | undefined;
  quantity: Quantity | undefined;
}

type Term =
  | { kind: 'compare'; op: Comparison; operand: Operand }
  | { kind: 'range'; negated: boolean; low: Operand; high: Operand }
  /** A range operator without valid endpoints: never matches. */
  | { kind: 'never' };

/** Alternatives (`|`) of conjunctions (`&`) of terms. */
type CompiledStringPattern = readonly (readonly Term[])[];

/**
 * String patterns are policy text matched on every request: their parse is kept in a bounded cache
 * (a pure function of the string; cleared when full).
 */
const PATTERN_CACHE_LIMIT = 4096;
const compiledPatterns = new Map<string, CompiledStringPattern>();

function compiledStringPattern(pattern: string): CompiledStringPattern {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    compiled = parseStringPattern(pattern);
    if (compiledPatterns.size >= PATTERN_CACHE_LIMIT) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

function parseStringPattern(pattern: string): CompiledStringPattern {
  // `|` binds looser than `&`; each term is trimmed of spaces only.
  return pattern.split('|').map((alt) => trimSpaces(alt).split('&').map((term) => compileTerm(trimSpaces(term))));
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

function operand(text: string): Operand {
  return { text, duration: parseDurationBig(text), quantity: parseQuantity(text) };
}

function compileTerm(term: string): Term {
  const op = operatorOf(term);
  if (op === '-' || op === '!-') {
    const ends = rangeEndpoints(term, op === '!-');
    if (ends === undefined) return { kind: 'never' };
    return { kind: 'range', negated: op === '!-', low: operand(ends[0]), high: operand(ends[1]) };
  }
  return { kind: 'compare', op, operand: operand(term.slice(op.length).trim()) };
}

function validateTerm(value: unknown, term: Term): boolean {
  switch (term.kind) {
    case 'never':
      return false;
    // `a-b` is `>= a` and `<= b`; `a!-b` is `< a` or `> b`.
    case 'range':
      return term.negated
        ? compareOperand(value, term.low, '<') || compareOperand(value, term.high, '>')
        : compareOperand(value, term.low, '>=') && compareOperand(value, term.high, '<=');
    case 'compare':
      return compareOperand(value, term.operand, term.op);
  }
}

/** Compared as Go durations when both sides parse as one, else as quantities, else as (wildcard) strings. */
function compareOperand(value: unknown, operand: Operand, op: Comparison): boolean {
  const asDuration = compareParsed(operand.duration, parseDurationBig, compareDurations, value, op);
  if (asDuration !== undefined) return asDuration;
  const asQuantity = compareParsed(operand.quantity, parseQuantity, compareQuantities, value, op);
  if (asQuantity !== undefined) return asQuantity;
  return compareAsString(value, operand.text, op);
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

/** Compares when both the operand (`want`, already parsed) and the value parse; undefined (try the next kind) otherwise. */
function compareParsed<T>(
  want: T | undefined,
  parse: (s: string) => T | undefined,
  order: (have: T, want: T) => -1 | 0 | 1,
  value: unknown,
  op: Comparison,
): boolean | undefined {
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
