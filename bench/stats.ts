/** Latency statistics for benchmarks: percentiles over samples in nanoseconds. */
export interface Summary {
  count: number;
  perSecond: number;
  /** Mean per sample (ns). */
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(samplesNs: Float64Array | number[], totalNs: number): Summary {
  const sorted = Float64Array.from(samplesNs).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, perSecond: (sorted.length / totalNs) * 1e9, mean, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] };
}

export function micros(ns: number): string {
  return `${(ns / 1000).toFixed(2)} µs`;
}

/** Runs `fn` `n` times and returns per-call samples (ns) and the total. */
export function measure(n: number, fn: (i: number) => void): { samples: Float64Array; totalNs: number } {
  const samples = new Float64Array(n);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0);
  }
  return { samples, totalNs: Number(process.hrtime.bigint() - start) };
}
