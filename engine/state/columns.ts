// Agent storage: a table is a set of typed-array columns indexed by row, declared once with type tags.
// Columns sit on SharedArrayBuffers so worker threads can attach to them without copying ([parallel]).
export type ColumnTag = 'f64' | 'f32' | 'i32' | 'i16' | 'u8';

type ArrayFor<T extends ColumnTag> = T extends 'f64'
  ? Float64Array
  : T extends 'f32'
    ? Float32Array
    : T extends 'i32'
      ? Int32Array
      : T extends 'i16'
        ? Int16Array
        : Uint8Array;

export type Columns<S extends Record<string, ColumnTag>> = { [K in keyof S]: ArrayFor<S[K]> };

const BYTES: Record<ColumnTag, number> = { f64: 8, f32: 4, i32: 4, i16: 2, u8: 1 };

export function allocColumn<T extends ColumnTag>(tag: T, length: number): ArrayFor<T> {
  const buffer = new SharedArrayBuffer(Math.max(1, length) * BYTES[tag]);
  switch (tag) {
    case 'f64': return new Float64Array(buffer, 0, length) as ArrayFor<T>;
    case 'f32': return new Float32Array(buffer, 0, length) as ArrayFor<T>;
    case 'i32': return new Int32Array(buffer, 0, length) as ArrayFor<T>;
    case 'i16': return new Int16Array(buffer, 0, length) as ArrayFor<T>;
    default: return new Uint8Array(buffer, 0, length) as ArrayFor<T>;
  }
}

/** Allocates every column of a schema for `rows` rows (the only place agent memory is allocated). */
export function createColumns<S extends Record<string, ColumnTag>>(schema: S, rows: number): Columns<S> {
  const out = {} as Columns<S>;
  for (const key of Object.keys(schema) as (keyof S)[]) {
    out[key] = allocColumn(schema[key], rows) as Columns<S>[typeof key];
  }
  return out;
}

/** Bytes held by a set of columns (for the manifest's bytes-per-agent figure). */
export function columnBytes(columns: object): number {
  let total = 0;
  for (const v of Object.values(columns)) if (ArrayBuffer.isView(v)) total += v.byteLength;
  return total;
}
