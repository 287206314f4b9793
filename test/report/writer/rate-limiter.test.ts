/** The sliding-window limiter on a virtual clock: at most N acquisitions in any window of one second. */
import { rateLimiter, type RateLimiterClock } from '../../../src/report/writer/rate-limiter.js';

function virtualClock(): RateLimiterClock & { sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

describe('rateLimiter', () => {
  test.each([
    { perSecond: 1, count: 3, times: [0, 1000, 2000] },
    { perSecond: 3, count: 7, times: [0, 0, 0, 1000, 1000, 1000, 2000] },
    { perSecond: 5, count: 5, times: [0, 0, 0, 0, 0] },
  ])('$perSecond per second, $count writes at once -> $times', async ({ perSecond, count, times }) => {
    const clock = virtualClock();
    const limiter = rateLimiter(perSecond, clock);
    const at: number[] = [];
    await Promise.all(Array.from({ length: count }, () => limiter.acquire().then(() => at.push(clock.now()))));
    expect(at).toEqual(times);
  });

  test('slots free up one second after they were taken, not all at once', async () => {
    let t = 0;
    const clock: RateLimiterClock = { now: () => t, sleep: (ms) => ((t += ms), Promise.resolve()) };
    const limiter = rateLimiter(2, clock);
    await limiter.acquire(); // t=0
    t = 600;
    await limiter.acquire(); // t=600
    await limiter.acquire(); // waits for the first slot: t=1000
    expect(t).toBe(1000);
    await limiter.acquire(); // waits for the t=600 slot: t=1600
    expect(t).toBe(1600);
  });

  test.each([0, -1, 2.5, Number.NaN])('refuses %p writes per second', (perSecond) => {
    expect(() => rateLimiter(perSecond, virtualClock())).toThrow(RangeError);
  });
});
