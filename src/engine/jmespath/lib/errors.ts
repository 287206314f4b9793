/** An error raised by one of Kyverno's functions; the evaluator turns it into a JmespathError. */
export class FunctionError extends Error {
  constructor(readonly fn: string, detail: string) {
    super(`JMESPath function '${fn}': ${detail}`);
    this.name = 'FunctionError';
  }
}

/** Kyverno's wording when an argument has the wrong type (1-based position). */
export function argTypeError(fn: string, position: number, expected: string): FunctionError {
  return new FunctionError(fn, `argument #${position} is expected to be of type ${expected}`);
}
