/** A JMESPath evaluator with Kyverno's extra functions registered. */
export interface Jmespath {
  /** Evaluates `expression` against `data`. Throws JmespathError for a syntax error, unknown function or bad argument. */
  search(expression: string, data: unknown): unknown;
}

export class JmespathError extends Error {
  constructor(message: string, readonly expression: string) {
    super(message);
    this.name = 'JmespathError';
  }
}
