// The Arrow batch write kernel: append one batch of firm rows and flush it as a record batch, beside a reference
// that copies the same columns with TypedArray.set and writes their bytes. Output goes to the null device.
import fs from 'node:fs';
import os from 'node:os';
import { openTableWriter, DEFAULT_BATCH_ROWS, type TableWriter } from '../engine/output/table-writer.js';
import { FIRMS_TABLE } from '../engine/output/tables.js';
import { timeTasks, type TimingOptions } from './timing.js';
import type { Summary } from './stats.js';

type Numeric = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array;
const CTOR = { float64: Float64Array, float32: Float32Array, int32: Int32Array, int16: Int16Array, uint8: Uint8Array } as const;

export interface ArrowWriteResult {
  name: string;
  rows: number;
  kernelMs: Summary;
  referenceMs: Summary;
  note: string;
}

/** Source columns as the recorder holds them: one Float64Array per declared column. */
function sourceColumns(rows: number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  FIRMS_TABLE.columns.forEach((c, k) => {
    const a = new Float64Array(rows);
    for (let i = 0; i < rows; i++) a[i] = (i * 7 + k) % 1000;
    out[c.name] = a;
  });
  return out;
}

export function arrowWriteBenchmark(timing: TimingOptions, rows = DEFAULT_BATCH_ROWS): ArrowWriteResult {
  const src = sourceColumns(rows);
  const writer: TableWriter = openTableWriter(os.devNull, FIRMS_TABLE, { run_id: 'bench' }, { batchRows: rows });
  const fd = fs.openSync(os.devNull, 'w');
  const buffers: Numeric[] = FIRMS_TABLE.columns.map((c) => new CTOR[c.kind as keyof typeof CTOR](rows));
  try {
    const times = timeTasks(
      [
        { name: 'kernel', fn: () => writer.append(src, rows) }, // a full batch flushes itself
        {
          name: 'reference',
          fn: () => {
            FIRMS_TABLE.columns.forEach((c, k) => {
              buffers[k]!.set(src[c.name]!);
              fs.writeSync(fd, buffers[k]!);
            });
          },
        },
      ],
      timing,
    );
    return {
      name: 'output: Arrow batch write (firms table)',
      rows,
      kernelMs: times.get('kernel')!,
      referenceMs: times.get('reference')!,
      note: 'each column converted to its Arrow type with TypedArray.set and written with one write per column, no IPC framing',
    };
  } finally {
    writer.abort();
    fs.closeSync(fd);
  }
}
