// Copies every typed array and scalar reachable from a world and its stepper, and puts them back on demand.
// A kernel benchmark restores the same state before each timed call, so every iteration does the same work.

type Record_ = { obj: Record<string, unknown>; key: string; value: unknown; copy?: ArrayBufferView & { set(a: ArrayLike<number>): void } };

export interface Snapshot {
  restore(): void;
  /** Bytes copied back by each restore. */
  bytes: number;
}

function isTypedArray(v: unknown): v is ArrayBufferView & { slice(): never; set(a: ArrayLike<number>): void } {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/**
 * Snapshots `roots` (objects whose fields are typed arrays, numbers and nested objects). Fields named in `refOnly`
 * are restored by reference without copying their contents (large read-only data such as the grid or the scenario).
 */
export function snapshotState(roots: object[], refOnly: ReadonlySet<string> = new Set()): Snapshot {
  const records: Record_[] = [];
  const seen = new Set<object>();
  let bytes = 0;
  const walk = (obj: Record<string, unknown>) => {
    if (seen.has(obj)) return;
    seen.add(obj);
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (typeof value === 'function') continue;
      if (isTypedArray(value)) {
        const copy = (value as unknown as { slice(): Record_['copy'] }).slice();
        bytes += value.byteLength;
        records.push({ obj, key, value, copy });
      } else {
        records.push({ obj, key, value });
        if (value !== null && typeof value === 'object' && !refOnly.has(key) && !Object.isFrozen(value)) walk(value as Record<string, unknown>);
      }
    }
  };
  for (const root of roots) walk(root as Record<string, unknown>);
  return {
    bytes,
    restore() {
      // Objects first get their original references back (a grown pool is dropped), then the contents.
      for (const r of records) {
        r.obj[r.key] = r.value;
        if (r.copy) (r.value as Record_['copy'])!.set(r.copy as unknown as ArrayLike<number>);
      }
    },
  };
}
