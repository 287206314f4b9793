/**
 * At most `perSecond` writes in any window of one second: a sliding log of the last `perSecond` write times,
 * so a burst of changes is spread over time instead of hitting the API server at once.
 */
export interface RateLimiter {
  /** Resolves when one more write fits in the window (and counts it). */
  acquire(): Promise<void>;
}

export interface RateLimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock = (now: () => number = Date.now): RateLimiterClock => ({
  now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

const WINDOW_MS = 1000;

export function rateLimiter(perSecond: number, clock: RateLimiterClock): RateLimiter {
  if (!(Number.isInteger(perSecond) && perSecond >= 1)) throw new RangeError(`maxWritesPerSecond must be a whole number >= 1, not ${perSecond}`);
  const log: number[] = [];
  // Callers are served in order: each waits for the previous one to have taken its slot.
  let queue: Promise<void> = Promise.resolve();
  async function take(): Promise<void> {
    for (;;) {
      const now = clock.now();
      while (log.length > 0 && now - log[0] >= WINDOW_MS) log.shift();
      if (log.length < perSecond) {
        log.push(now);
        return;
      }
      await clock.sleep(WINDOW_MS - (now - log[0]));
    }
  }
  return {
    acquire() {
      const turn = queue.then(take);
      queue = turn;
      return turn;
    },
  };
}
