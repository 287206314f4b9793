/**
 * JMESPath as Kyverno evaluates it: the jmespath-community dialect, Kyverno's extra functions, Kyverno's
 * handling of missing keys, and the clock and randomness of the caller's EngineEnv.
 */
import type { EngineEnv } from '../../api/env.js';
import { AstCache, type AstNode } from './ast.js';
import { enterEnv, restoreEnv } from './env-context.js';
import { registerKyvernoFunctions } from './functions/index.js';
import { FunctionError } from './lib/errors.js';
import { evaluate, EvaluationError, KeyNotFound, UndefinedVariable } from './interpreter.js';
import { type Jmespath, JmespathError, type JmespathErrorCode, type JmespathOutcome } from './types.js';

export { AstCache } from './ast.js';
export { kyvernoFunctions } from './functions/index.js';
export { JmespathError } from './types.js';
export type { Jmespath, JmespathErrorCode, JmespathOutcome } from './types.js';

registerKyvernoFunctions();

/** ASTs are immutable and expressions repeat across requests, so one cache serves every evaluator. */
const DEFAULT_CACHE_SIZE = 2048;
const sharedCache = new AstCache(DEFAULT_CACHE_SIZE);

export interface JmespathOptions {
  /** A private AST cache (tests); the process-wide cache otherwise. */
  cache?: AstCache;
}

function classify(err: unknown): { code: JmespathErrorCode; detail: string } {
  const detail = err instanceof Error || err instanceof KeyNotFound ? err.message : String(err);
  if (err instanceof KeyNotFound) return { code: 'not-found', detail };
  if (err instanceof UndefinedVariable) return { code: 'undefined-variable', detail };
  if (err instanceof FunctionError) return { code: 'invalid-argument', detail };
  if (err instanceof EvaluationError) return { code: 'evaluation', detail };
  if (err instanceof Error && (err.name === 'LexerError' || err.name === 'ParserError' || /^Syntax error/.test(detail))) {
    return { code: 'syntax', detail };
  }
  if (/^Unknown function/.test(detail)) return { code: 'unknown-function', detail };
  if (/^Invalid (type|arity)/.test(detail)) return { code: 'invalid-argument', detail };
  return { code: 'evaluation', detail };
}

function toError(expression: string, err: unknown): JmespathError {
  if (err instanceof JmespathError) return err;
  const { code, detail } = classify(err);
  return new JmespathError(`JMESPath query failed for "${expression}": ${detail}`, expression, code);
}

export function createJmespath(env: EngineEnv, options: JmespathOptions = {}): Jmespath {
  const cache = options.cache ?? sharedCache;

  // The raw failure, so that search() can turn a missing key into null without building an Error (and its
  // stack trace) on a path that policies take on every request.
  const run = (expression: string, data: unknown): { ok: true; value: unknown } | { ok: false; failure: unknown } => {
    let ast: AstNode;
    try {
      ast = cache.get(expression);
    } catch (err) {
      return { ok: false, failure: err };
    }
    const previous = enterEnv(env);
    try {
      const value = evaluate(ast, data);
      return value instanceof KeyNotFound ? { ok: false, failure: value } : { ok: true, value };
    } catch (err) {
      return { ok: false, failure: err };
    } finally {
      restoreEnv(previous);
    }
  };

  return {
    query(expression: string, data: unknown): JmespathOutcome {
      const outcome = run(expression, data);
      return outcome.ok ? outcome : { ok: false, error: toError(expression, outcome.failure) };
    },
    search(expression: string, data: unknown): unknown {
      const outcome = run(expression, data);
      if (outcome.ok) return outcome.value;
      if (outcome.failure instanceof KeyNotFound) return null;
      throw toError(expression, outcome.failure);
    },
  };
}

/** The syntax error of an expression, if any (nothing is evaluated); used to refuse policies at load. */
export function jmespathSyntaxError(expression: string): string | undefined {
  try {
    sharedCache.get(expression);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
