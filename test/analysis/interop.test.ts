// Interop: our Arrow files read by nodejs-polars (an independent Arrow implementation), and the Parquet copies.
// Guards against writing files that only apache-arrow JS itself can read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../engine/model/errors.js';
import { defineTable, openTableWriter } from '../../engine/output/table-writer.js';
import { readArrowTable } from '../../analysis/load.js';
import { arrowFileToParquet } from '../../analysis/parquet.js';

let dir: string;
let arrowPath: string;
const def = defineTable('flows', [
  { name: 'tick', kind: 'int32' },
  { name: 'origin', kind: 'int16' },
  { name: 'mode', kind: 'uint8' },
  { name: 'tonneKm', kind: 'float64', unit: 't*km' },
  { name: 'co2eKg', kind: 'float32', unit: 'kg CO2e' },
  { name: 'carrier', kind: 'utf8' },
]);
const ROWS = 50;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-interop-'));
  arrowPath = path.join(dir, 'flows.arrow');
  const writer = openTableWriter(arrowPath, def, { run_id: 'interop' }, { batchRows: 16 });
  for (let tick = 0; tick < 5; tick++) {
    const rows = ROWS / 5;
    writer.append(
      {
        tick: new Int32Array(rows).fill(tick),
        origin: Int16Array.from({ length: rows }, (_, i) => i - 5),
        mode: Uint8Array.from({ length: rows }, (_, i) => (i * 37 + tick) % 256),
        tonneKm: Float64Array.from({ length: rows }, (_, i) => (i * tick) / 7),
        co2eKg: Float32Array.from({ length: rows }, (_, i) => i * 0.1 - tick),
        carrier: Array.from({ length: rows }, (_, i) => ['Rail Cargo', 'Łódź Trans', 'Ocean ⚓', ''][(i + tick) % 4]),
      },
      rows,
    );
  }
  await writer.close();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Polars frame as plain column arrays (numbers as numbers, strings as strings). */
function polarsColumns(frame: pl.DataFrame): Record<string, unknown[]> {
  return Object.fromEntries(frame.columns.map((name) => [name, Array.from(frame.getColumn(name).toArray())]));
}

function ourColumns(): Record<string, unknown[]> {
  const loaded = readArrowTable(arrowPath);
  return Object.fromEntries(Object.entries(loaded.columns).map(([name, values]) => [name, Array.from(values as ArrayLike<unknown>)]));
}

describe('nodejs-polars reads our Arrow files', () => {
  it('gives the same column names, types and values, including utf8 columns', () => {
    const frame = pl.readIPC(fs.readFileSync(arrowPath));
    expect(frame.height).toBe(ROWS);
    expect(frame.columns).toEqual(def.columns.map((c) => c.name));
    expect(frame.dtypes.map(String)).toEqual([
      'DataType(Int32)',
      'DataType(Int16)',
      'DataType(UInt8)',
      'DataType(Float64)',
      'DataType(Float32)',
      'DataType(String)',
    ]);
    expect(polarsColumns(frame)).toEqual(ourColumns());
  });
});

describe('arrowFileToParquet', () => {
  it('writes a Parquet copy that polars reads back identical, with no temp file left', async () => {
    const parquetPath = path.join(dir, 'flows.parquet');
    await arrowFileToParquet(arrowPath, parquetPath);
    const frame = pl.readParquet(parquetPath);
    expect(frame.columns).toEqual(def.columns.map((c) => c.name));
    expect(polarsColumns(frame)).toEqual(ourColumns());
    expect(fs.readdirSync(dir).sort()).toEqual(['flows.arrow', 'flows.parquet']);
  });

  it('gives a UserError naming a missing or corrupt Arrow file', async () => {
    const missing = path.join(dir, 'missing.arrow');
    const corrupt = path.join(dir, 'corrupt.arrow');
    fs.writeFileSync(corrupt, 'ARROW1 but nothing else');
    for (const source of [missing, corrupt]) {
      const err = await arrowFileToParquet(source, path.join(dir, 'x.parquet')).catch((e: unknown) => e);
      expect(isUserError(err)).toBe(true);
      expect((err as Error).message).toContain(source);
    }
    expect(fs.existsSync(path.join(dir, 'x.parquet'))).toBe(false);
    fs.rmSync(corrupt);
  });
});
