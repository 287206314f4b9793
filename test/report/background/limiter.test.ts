import { limiter } from '../../../src/report/background/limiter.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('limiter', () => {
  it.each([1, 2, 3])('never runs more than %d jobs at once, and runs them all in arrival order', async (limit) => {
    const l = limiter(limit);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const job = (i: number) => async (): Promise<number> => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await tick();
      await tick();
      running--;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => l.run(job(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(limit);
    expect(l.busy).toBe(0);
  });

  it('frees the slot of a job that throws', async () => {
    const l = limiter(1);
    await expect(l.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(l.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
