/** What went wrong in an expression, so callers can mirror Kyverno's handling (e.g. "Unknown key" in preconditions). */
export type JmespathErrorCode =
  /** The expression does not parse. */
  | 'syntax'
  /** A function name that neither JMESPath nor Kyverno defines. */
  | 'unknown-function'
  /** Wrong arity or argument type, or a Kyverno function rejecting its input (bad regex, zero divisor...). */
  | 'invalid-argument'
  /** `$name` used outside a `let` that binds it. */
  | 'undefined-variable'
  /** The path names a key the object does not have: Kyverno's `Unknown key "x" in path`. Only `query` reports it. */
  | 'not-found'
  /** Anything else that failed while evaluating. */
  | 'evaluation';

/** The outcome of `Jmespath.query`. */
export type JmespathOutcome = { ok: true; value: unknown } | { ok: false; error: JmespathError };

/** A JMESPath evaluator with Kyverno's extra functions registered. */
export interface Jmespath {
  /**
   * Evaluates `expression` against `data`. Throws JmespathError for a syntax error, unknown function or bad argument.
   * A path through a missing key yields null here (use `query` to tell it apart).
   */
  search(expression: string, data: unknown): unknown;
  /**
   * Kyverno-exact evaluation that never throws: like Kyverno, a path ending on a key the object lacks
   * (`request.object.metadata.labels.app` without labels) fails with code 'not-found' ("Unknown key").
   * `||`, function arguments, comparisons, pipes and projections absorb missing keys as null, as in Kyverno.
   */
  query(expression: string, data: unknown): JmespathOutcome;
}

export class JmespathError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    readonly code: JmespathErrorCode = 'evaluation',
  ) {
    super(message);
    this.name = 'JmespathError';
  }
}
