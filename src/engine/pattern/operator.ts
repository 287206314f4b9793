/** Operator prefix of one scalar pattern term (`>=5`, `!foo`, `1-10`, `1!-10`), as Kyverno reads it. */

export type PatternOperator = '' | '>=' | '<=' | '>' | '<' | '!' | '-' | '!-';

// Endpoints: an optionally signed decimal with an optional unit suffix (`-5`, `1.5Gi`, `30s`).
const IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;
const NOT_IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)!-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;

export function operatorOf(term: string): PatternOperator {
  // A single character is always a literal, even `>` or `!`.
  if (term.length < 2) return '';
  for (const op of ['>=', '<=', '>', '<', '!'] as const) {
    if (term.startsWith(op)) return op;
  }
  if (NOT_IN_RANGE.test(term)) return '!-';
  if (IN_RANGE.test(term)) return '-';
  return '';
}

/** The two endpoints of a range term, or undefined if it is not one. */
export function rangeEndpoints(term: string, negated: boolean): [string, string] | undefined {
  const m = (negated ? NOT_IN_RANGE : IN_RANGE).exec(term);
  return m === null ? undefined : [m[1], m[2]];
}
