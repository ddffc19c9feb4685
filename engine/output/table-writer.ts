// Declared output tables streamed to disk as Arrow IPC *file* format, one record batch every `batchRows` rows.
// The run never holds a whole table in memory, appends are synchronous (no awaits in the tick loop), and the
// same appends always give the same bytes.
import fs from 'node:fs';
import {
  AsyncByteQueue,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Message,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Uint8,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import { writeAllSync } from './atomic.js';

export type ColumnKind = 'int32' | 'int16' | 'uint8' | 'float64' | 'float32' | 'utf8';
export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  unit?: string;
  description?: string;
}

/** Column declarations, one helper per kind (tables.ts, lm3.ts). */
export const i32 = (name: string, unit?: string, description?: string): ColumnDef => ({ name, kind: 'int32', unit, description });
export const i16 = (name: string, description?: string): ColumnDef => ({ name, kind: 'int16', description });
export const f64 = (name: string, unit?: string, description?: string): ColumnDef => ({ name, kind: 'float64', unit, description });
export const str = (name: string, description?: string): ColumnDef => ({ name, kind: 'utf8', description });

export interface TableDef {
  name: string;
  columns: readonly ColumnDef[];
}
export interface TableWriter {
  /**
   * Appends `rows` rows; numeric columns are given as typed arrays (or plain number arrays) of at least `rows`
   * entries; utf8 columns as string arrays. Copies what it needs, so the caller may reuse its buffers.
   * Numbers are stored with typed-array conversion (int kinds truncate and wrap), as `TypedArray.set` does.
   */
  append(columns: Record<string, ArrayLike<number> | readonly string[]>, rows: number): void;
  /** Flushes buffered rows as one record batch (called automatically every `batchRows` rows). */
  flush(): void;
  /** Flushes, writes the footer and closes the file. */
  close(): Promise<void>;
  /** Closes the file without a footer (the file is then unreadable); for runs that failed. */
  abort(): void;
}

export const DEFAULT_BATCH_ROWS = 16_384;

type NumericArray = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array;
type NumericCtor = { new (length: number): NumericArray };
const NUMERIC: Record<Exclude<ColumnKind, 'utf8'>, { ctor: NumericCtor; type: () => DataType }> = {
  float64: { ctor: Float64Array, type: () => new Float64() },
  float32: { ctor: Float32Array, type: () => new Float32() },
  int32: { ctor: Int32Array, type: () => new Int32() },
  int16: { ctor: Int16Array, type: () => new Int16() },
  uint8: { ctor: Uint8Array, type: () => new Uint8() },
};

export function defineTable(name: string, columns: ColumnDef[]): TableDef {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) throw new Error(`table ${name}: column "${column.name}" declared twice`);
    if (!(column.kind === 'utf8' || column.kind in NUMERIC)) {
      throw new Error(`table ${name}: column "${column.name}" has unknown kind "${String(column.kind)}"`);
    }
    seen.add(column.name);
  }
  return Object.freeze({ name, columns: Object.freeze(columns.map((c) => Object.freeze({ ...c }))) });
}

/** Collects the bytes arrow-js produces for one message so they reach the file in a single write. */
class FileSink extends AsyncByteQueue {
  private chunks: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.chunks.push(value); // RecordBatchWriter._write hands us Uint8Arrays
  }
  drainTo(fd: number): void {
    if (this.chunks.length === 0) return;
    writeAllSync(fd, this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks));
    this.chunks = [];
  }
}

/**
 * arrow-js 21 starts a file with the magic only (apache/arrow-js#51); the format asks for the schema message too,
 * so the file also reads as a plain IPC stream after its 8-byte magic.
 */
class StreamEmbeddingFileWriter extends RecordBatchFileWriter {
  protected override _writeSchema(schema: Schema) {
    return this._writeMagic()._writePadding(2)._writeMessage(Message.from(schema));
  }
}

function sortedMap(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.keys(entries).sort().map((k) => [k, entries[k]]));
}

function schemaFor(def: TableDef, metadata: Record<string, string>): Schema {
  const fields = def.columns.map((c) => {
    const fieldMeta: Record<string, string> = {};
    if (c.unit !== undefined) fieldMeta.unit = c.unit;
    if (c.description !== undefined) fieldMeta.description = c.description;
    const type = c.kind === 'utf8' ? new Utf8() : NUMERIC[c.kind].type();
    return new Field(c.name, type, false, sortedMap(fieldMeta));
  });
  return new Schema(fields, sortedMap(metadata));
}

const utf8Encoder = new TextEncoder();

/** Plain Utf8, not dictionary: the file format forbids replacing a dictionary and polars rejects delta ones. */
function utf8Data(type: DataType, strings: readonly string[], count: number): Data {
  const valueOffsets = new Int32Array(count + 1);
  let bytes = new Uint8Array(Math.max(64, count * 8));
  let used = 0;
  for (let i = 0; i < count; i++) {
    const s = strings[i];
    if (used + s.length * 3 > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, used + s.length * 3));
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    used += utf8Encoder.encodeInto(s, bytes.subarray(used)).written;
    valueOffsets[i + 1] = used;
  }
  return makeData({ type: type as Utf8, length: count, nullCount: 0, valueOffsets, data: bytes.subarray(0, used) });
}

/** One column's rows since the last flush; numeric buffers grow by doubling up to `batchRows`. */
class ColumnBuffer {
  private readonly ctor: NumericCtor | null;
  private numbers: NumericArray | null;
  private readonly strings: string[] | null;
  constructor(
    readonly def: ColumnDef,
    private readonly type: DataType,
    initialRows: number,
  ) {
    this.ctor = def.kind === 'utf8' ? null : NUMERIC[def.kind].ctor;
    this.numbers = this.ctor ? new this.ctor(initialRows) : null;
    this.strings = this.ctor ? null : [];
  }

  /** Copies src[from, to) to rows [at, ...) of this buffer. */
  copyIn(src: ArrayLike<number> | readonly string[], from: number, to: number, at: number, maxRows: number): void {
    if (this.strings) {
      for (let i = from; i < to; i++) {
        const s = src[i];
        if (typeof s !== 'string') throw new Error(`column ${this.def.name}: row ${i} is not a string`);
        this.strings[at + i - from] = s;
      }
      return;
    }
    let dst = this.numbers!;
    const need = at + to - from;
    if (need > dst.length) {
      const grown = new this.ctor!(Math.min(maxRows, Math.max(need, dst.length * 2)));
      grown.set(dst.subarray(0, at));
      this.numbers = dst = grown;
    }
    if (ArrayBuffer.isView(src)) dst.set((src as NumericArray).subarray(from, to), at);
    else for (let i = from; i < to; i++) dst[at + i - from] = (src as ArrayLike<number>)[i];
  }

  /** Views into the buffer are fine: the batch is written to the file before the buffer is reused. */
  data(count: number): Data {
    if (this.strings) return utf8Data(this.type, this.strings, count);
    const values = this.numbers!.subarray(0, count);
    return makeData({ type: this.type as Float64, length: count, nullCount: 0, data: values });
  }
}

type AppendColumns = Record<string, ArrayLike<number> | readonly string[]>;

function checkColumns(def: TableDef, columns: AppendColumns, rows: number): void {
  const where = `table ${def.name}`;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`${where}: rows must be a whole number >= 0, got ${rows}`);
  for (const c of def.columns) {
    const src = columns[c.name];
    if (src === undefined) throw new Error(`${where}: append is missing column "${c.name}"`);
    if (src.length < rows) throw new Error(`${where}: column "${c.name}" has ${src.length} values, need ${rows}`);
    if (rows > 0 && c.kind !== 'utf8' && typeof src[0] !== 'number') {
      throw new Error(`${where}: column "${c.name}" (${c.kind}) needs numbers`);
    }
  }
  for (const key of Object.keys(columns)) {
    if (!def.columns.some((c) => c.name === key)) throw new Error(`${where}: unknown column "${key}"`);
  }
}

export function openTableWriter(
  path: string,
  def: TableDef,
  metadata: Record<string, string>,
  opts: { batchRows?: number } = {},
): TableWriter {
  const batchRows = opts.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) {
    throw new Error(`table ${def.name}: batchRows must be a whole number >= 1, got ${batchRows}`);
  }
  const schema = schemaFor(def, metadata);
  const structType = new Struct(schema.fields);
  const buffers = def.columns.map((c, i) => new ColumnBuffer(c, schema.fields[i].type, Math.min(batchRows, 1024)));
  const fd = fs.openSync(path, 'w');
  const sink = new FileSink();
  const writer = new StreamEmbeddingFileWriter();
  writer.reset(sink, schema);
  sink.drainTo(fd);
  let buffered = 0;
  let open = true;

  const ensureOpen = () => {
    if (!open) throw new Error(`table ${def.name}: writer for ${path} is closed`);
  };
  const flush = () => {
    ensureOpen();
    if (buffered === 0) return;
    const children = buffers.map((b) => b.data(buffered));
    const batch = new RecordBatch(schema, makeData({ type: structType, length: buffered, nullCount: 0, children }));
    writer.write(batch);
    sink.drainTo(fd);
    buffered = 0;
  };

  return {
    append(columns, rows) {
      ensureOpen();
      checkColumns(def, columns, rows);
      for (let done = 0; done < rows; ) {
        const take = Math.min(rows - done, batchRows - buffered);
        for (const b of buffers) b.copyIn(columns[b.def.name], done, done + take, buffered, batchRows);
        buffered += take;
        done += take;
        if (buffered === batchRows) flush();
      }
    },
    flush,
    async close() {
      flush();
      writer.close();
      sink.drainTo(fd);
      open = false;
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    },
    abort() {
      if (!open) return;
      open = false;
      fs.closeSync(fd);
    },
  };
}
