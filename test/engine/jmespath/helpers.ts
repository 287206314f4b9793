import type { EngineEnv } from '../../../src/api/env.js';
import { createJmespath } from '../../../src/engine/jmespath/index.js';
import type { Jmespath } from '../../../src/engine/jmespath/types.js';

/** 2023-01-12T17:37:00Z */
export const FIXED_NOW = Date.UTC(2023, 0, 12, 17, 37, 0);

/** A deterministic random source cycling through the given fractions. */
export function sequenceRandom(values: readonly number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

export function fixedEnv(now = FIXED_NOW, random: () => number = sequenceRandom([0.1, 0.5, 0.9, 0.3, 0.7])): EngineEnv {
  return { now: () => now, random };
}

export function jp(env: EngineEnv = fixedEnv()): Jmespath {
  return createJmespath(env);
}

/** Evaluates against `data` (null by default) and returns the value or the error code. */
export function run(expression: string, data: unknown = null, env?: EngineEnv): { value: unknown } | { error: string; message: string } {
  const outcome = jp(env).query(expression, data);
  return outcome.ok ? { value: outcome.value } : { error: outcome.error.code, message: outcome.error.message };
}
