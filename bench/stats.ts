// Robust summaries of repeated measurements: median and spread, never a lone mean.
// Shared by the kernel, bandwidth and whole-run benchmarks so every figure is summarised the same way.

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Median absolute deviation from the median (unscaled). */
  mad: number;
  /** mad / median: the spread as a share of the figure (0.02 = 2%). */
  relSpread: number;
  n: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const median = medianOfSorted(sorted);
  const deviations = sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  const mad = medianOfSorted(deviations);
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, mad, relSpread: median !== 0 ? mad / Math.abs(median) : 0, n: sorted.length };
}

function medianOfSorted(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
