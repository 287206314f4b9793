/** What the pure engine may not take from the process itself: the clock and randomness. */
export interface EngineEnv {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A number in [0, 1). */
  random(): number;
}
