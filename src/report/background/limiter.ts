/** At most `limit` scan jobs at once; the rest wait in arrival order. */
export interface Limiter {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs running or waiting. */
  readonly busy: number;
}

export function limiter(limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit));
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      // A finishing job hands its slot straight to the next waiter, so `running` never overshoots.
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else running++;
      try {
        return await job();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    get busy() {
      return running + waiting.length;
    },
  };
}
