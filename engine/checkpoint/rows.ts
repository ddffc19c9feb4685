// Output continuation: while checkpointing, the run records each interval between checkpoints into its own small
// Arrow files (a segment), and its tables are assembled at the end from all segments through the same writer.
import fs from 'node:fs';
import path from 'node:path';
import { DataType, tableFromIPC, type Field, type Table } from 'apache-arrow';
import type { World } from '../state/world.js';
import { createRecorder, type Recorder } from '../output/recorder.js';
import { openTableWriter, type ColumnDef, type ColumnKind, type TableDef } from '../output/table-writer.js';
import { TFM_ROWS } from '../sim/accumulators.js';
import { createTempDir, removeDirQuiet } from '../output/atomic.js';

/** One interval's rows, recorded by an ordinary recorder into a staging folder (a temp name: skipped by readers). */
export interface Segment {
  recorder: Recorder;
  /** Finishes the Arrow files and moves the folder to `dir` (which must not exist yet). */
  closeInto(dir: string): Promise<void>;
  abort(): void;
}

export function openSegment(w: World, stagingParent: string, from: number, metadata: Record<string, string>): Segment {
  const staging = createTempDir(path.join(stagingParent, `rows-from-${from}`));
  const recorder = createRecorder(w, staging, metadata);
  return {
    recorder,
    async closeInto(dir) {
      await recorder.close();
      try {
        fs.renameSync(staging, dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        fs.cpSync(staging, dir, { recursive: true }); // checkpoints on another file system than the run folder
        removeDirQuiet(staging);
      }
    },
    abort() {
      recorder.abort();
      removeDirQuiet(staging);
    },
  };
}

/**
 * Rows per tick that set a table's record-batch size in engine/output/recorder.ts (times output.batchTicks).
 * Batches fill by row count alone, so the same rows appended in any chunks give the same bytes. The size is
 * cross-checked against any segment holding two batches or more, and the resume tests compare bytes.
 */
function rowsPerTick(name: string, w: World): number | undefined {
  const { R, S } = w;
  const known: Record<string, number> = { regions: R, sectors: R * S, flows: R * R, transactions: TFM_ROWS.length, firms: w.firms.rows };
  return known[name];
}

const KINDS: [(t: DataType) => boolean, ColumnKind][] = [
  [(t) => DataType.isUtf8(t), 'utf8'],
  [(t) => DataType.isFloat(t) && t.precision === 2, 'float64'],
  [(t) => DataType.isFloat(t) && t.precision === 1, 'float32'],
  [(t) => DataType.isInt(t) && t.bitWidth === 32 && t.isSigned, 'int32'],
  [(t) => DataType.isInt(t) && t.bitWidth === 16 && t.isSigned, 'int16'],
  [(t) => DataType.isInt(t) && t.bitWidth === 8 && !t.isSigned, 'uint8'],
];

/** The table definition a file was written with, read back from its schema (names, kinds, units, descriptions). */
function definitionOf(name: string, fields: Field[]): TableDef {
  const columns: ColumnDef[] = fields.map((f) => {
    const kind = KINDS.find(([is]) => is(f.type))?.[1];
    if (!kind) throw new Error(`checkpoint: table ${name} column ${f.name} has type ${String(f.type)}, which glocal tables do not use`);
    const unit = f.metadata.get('unit');
    const description = f.metadata.get('description');
    return { name: f.name, kind, ...(unit !== undefined ? { unit } : {}), ...(description !== undefined ? { description } : {}) };
  });
  return { name, columns };
}

/** The batch size a segment was written with, when it shows one (two batches or more: all but the last are full). */
function seenBatchRows(table: Table): number | undefined {
  return table.batches.length >= 2 ? table.batches[0]!.numRows : undefined;
}

function batchRowsOf(name: string, w: World, first: Table): number {
  const perTick = rowsPerTick(name, w);
  const rows = perTick === undefined ? seenBatchRows(first) : Math.max(1, perTick * w.scenario.output.batchTicks);
  if (rows === undefined) throw new Error(`checkpoint: no batch size known for table ${name}; add it to rowsPerTick in engine/checkpoint/rows.ts`);
  return rows;
}

function checkBatchRows(name: string, table: Table, expected: number): void {
  const seen = seenBatchRows(table);
  if (seen !== undefined && seen !== expected) {
    throw new Error(`checkpoint: table ${name} is written in batches of ${seen} rows, expected ${expected}; update rowsPerTick in engine/checkpoint/rows.ts`);
  }
}

type Columns = Record<string, ArrayLike<number> | readonly string[]>;

function appendTable(table: Table, def: TableDef, append: (columns: Columns, rows: number) => void): void {
  for (const batch of table.batches) {
    if (batch.numRows === 0) continue;
    const columns: Columns = {};
    for (const c of def.columns) columns[c.name] = batch.getChild(c.name)!.toArray() as ArrayLike<number> | string[];
    append(columns, batch.numRows);
  }
}

/**
 * Writes each table into `runDir` as the rows of `segments` (folders of Arrow files, oldest first) with the run's
 * schema metadata and batch size: the bytes an uninterrupted run writes. Returns the table names.
 */
export async function assembleTables(runDir: string, segments: string[], w: World, metadata: Record<string, string>): Promise<string[]> {
  const last = segments[segments.length - 1]!;
  const names = fs.readdirSync(last).filter((f) => f.endsWith('.arrow')).map((f) => f.slice(0, -'.arrow'.length)).sort();
  const read = (dir: string, name: string) => tableFromIPC(fs.readFileSync(path.join(dir, `${name}.arrow`)));
  for (const name of names) {
    // one segment in memory at a time; the last one gives the definition (it is this run's own)
    const lastTable = read(last, name);
    const def = definitionOf(name, lastTable.schema.fields);
    const batchRows = batchRowsOf(name, w, lastTable);
    const writer = openTableWriter(path.join(runDir, `${name}.arrow`), def, metadata, { batchRows });
    for (const dir of segments) {
      const table = dir === last ? lastTable : read(dir, name);
      checkBatchRows(name, table, batchRows);
      appendTable(table, def, (columns, rows) => writer.append(columns, rows));
    }
    await writer.close();
  }
  return names;
}
