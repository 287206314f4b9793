/** The CLI runs at the edge: the engine's clock and randomness come from the process here. */
import type { EngineEnv } from '../../api/env.js';

export const systemEnv: EngineEnv = {
  now: () => Date.now(),
  random: () => Math.random(),
};
