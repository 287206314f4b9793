/**
 * The clock and randomness of the evaluation in progress. JMESPath functions are registered once per process,
 * so the EngineEnv of the current `search` is installed here synchronously around the evaluation.
 */
import type { EngineEnv } from '../../api/env.js';
import { FunctionError } from './lib/errors.js';

let current: EngineEnv | undefined;

export function withEnv<T>(env: EngineEnv, run: () => T): T {
  const previous = current;
  current = env;
  try {
    return run();
  } finally {
    current = previous;
  }
}

/** `withEnv` without a closure, for the per-query hot path: install, then `restoreEnv(previous)` in a finally. */
export function enterEnv(env: EngineEnv): EngineEnv | undefined {
  const previous = current;
  current = env;
  return previous;
}

export function restoreEnv(previous: EngineEnv | undefined): void {
  current = previous;
}

export function activeEnv(fn: string): EngineEnv {
  if (!current) throw new FunctionError(fn, 'no clock or random source; evaluate through createJmespath');
  return current;
}
