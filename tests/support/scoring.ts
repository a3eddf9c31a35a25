/**
 * Precision, recall and F1 from true/false positive and false negative counts: the one
 * implementation shared by the directive fixtures' scorer, the real-corpus scorer and the benchmark.
 * Each gives null when it is undefined (nothing predicted, nothing expected, or both zero).
 */
export type Counts = { tp: number; fp: number; fn: number };

export function precision(c: Counts): number | null {
  return c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
}

export function recall(c: Counts): number | null {
  return c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
}

export function f1(c: Counts): number | null {
  const p = precision(c);
  const r = recall(c);
  return p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r);
}
