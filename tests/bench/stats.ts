/** Median of a list of durations (ms). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times several variants of one operation, interleaved round by round so that drift in the
 * machine's load affects them alike. Returns the median milliseconds of each.
 */
export async function timeInterleaved(variants: Record<string, () => Promise<unknown>>, rounds: number, warmup = 50): Promise<Record<string, number>> {
  const names = Object.keys(variants);
  for (let i = 0; i < warmup; i++) for (const n of names) await variants[n]!();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (const n of names) {
      const t0 = performance.now();
      await variants[n]!();
      samples[n]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
}
