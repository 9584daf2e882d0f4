// Small numeric helpers of the load bench: percentiles, latency series by name, a bounded error log
// and a concurrency-limited loop.

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending series (0 for an empty one). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

/** Latencies (ms) recorded under a name, in the order the names first appeared. */
export class Latencies {
  private readonly series = new Map<string, number[]>();
  add(name: string, ms: number): void {
    let values = this.series.get(name);
    if (!values) this.series.set(name, (values = []));
    values.push(ms);
  }
  names(): string[] {
    return [...this.series.keys()];
  }
  summary(name: string): Summary {
    return summarize(this.series.get(name) ?? []);
  }
}

/** Counts errors and keeps the first few descriptions, to print them. */
export class ErrorLog {
  count = 0;
  readonly samples: string[] = [];
  constructor(private readonly keep = 5) {}
  record(description: string): void {
    this.count++;
    if (this.samples.length < this.keep) this.samples.push(description.length > 600 ? `${description.slice(0, 600)}…` : description);
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; resolves when all have settled. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
