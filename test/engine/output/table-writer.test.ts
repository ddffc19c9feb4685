// Tests for the streaming Arrow table writer: exact round trips, metadata, byte-identical output, batching.
// Files go to a fresh temp folder per test; nothing is written inside the repo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RecordBatchReader, tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineTable, openTableWriter, type TableDef } from '../../../engine/output/table-writer.js';
import { readArrowTable } from '../../../analysis/load.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-tw-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const def: TableDef = defineTable('regions', [
  { name: 'tick', kind: 'int32', unit: 'tick', description: 'simulation tick' },
  { name: 'region', kind: 'int16' },
  { name: 'mode', kind: 'uint8' },
  { name: 'co2eKg', kind: 'float64', unit: 'kg CO2e' },
  { name: 'share', kind: 'float32', unit: '1' },
  { name: 'label', kind: 'utf8' },
]);

/** Three appends of 7 rows with awkward values (NaN, -0, extremes, non-ASCII, empty strings). */
function appendsFor(batch: number) {
  const n = 7;
  const tick = Int32Array.from({ length: n }, (_, i) => batch * 100 + i - 3);
  const region = Int16Array.from({ length: n }, (_, i) => (i % 2 ? -32768 : 32767) - batch);
  const mode = [0, 1, 2, 3, 255, 254, batch];
  const co2eKg = Float64Array.from([NaN, -0, 1e-300, -1.7976931348623157e308, Infinity, 0.1 + 0.2, batch]);
  const share = Float32Array.from([0.1, -1.5, NaN, 3.4e38, 0, 1, batch / 3]);
  const label = ['Zürich', '', 'Ωmega ✓', 'a'.repeat(200), '東京', 'x', `batch ${batch}`];
  return { n, columns: { tick, region, mode, co2eKg, share, label } };
}

async function writeSample(file: string, batchRows = 5): Promise<void> {
  const writer = openTableWriter(file, def, { run_id: 'r-1', seed: '42', units: '{"co2eKg":"kg"}' }, { batchRows });
  for (let b = 0; b < 3; b++) {
    const { n, columns } = appendsFor(b);
    writer.append(columns, n);
    writer.flush();
  }
  await writer.close();
}

describe('openTableWriter', () => {
  it('round-trips every column kind exactly over several batches', async () => {
    const file = path.join(dir, 'regions.arrow');
    await writeSample(file);
    const loaded = readArrowTable(file);
    expect(loaded.name).toBe('regions');
    expect(loaded.rows).toBe(21);
    const all = [0, 1, 2].map(appendsFor);
    for (const column of def.columns) {
      const expected = all.flatMap((a) => Array.from(a.columns[column.name as keyof typeof a.columns] as ArrayLike<unknown>));
      const got = Array.from(loaded.columns[column.name] as ArrayLike<unknown>);
      // Object.is distinguishes -0 from 0 and treats NaN as equal to itself
      expect(got.length).toBe(expected.length);
      got.forEach((v, i) => expect(Object.is(v, expected[i]), `${column.name}[${i}]: ${v} vs ${expected[i]}`).toBe(true));
    }
    expect(loaded.columns.tick).toBeInstanceOf(Int32Array);
    expect(loaded.columns.region).toBeInstanceOf(Int16Array);
    expect(loaded.columns.mode).toBeInstanceOf(Uint8Array);
    expect(loaded.columns.co2eKg).toBeInstanceOf(Float64Array);
    expect(loaded.columns.share).toBeInstanceOf(Float32Array);
  });

  it('stores schema metadata and per-field unit and description', async () => {
    const file = path.join(dir, 'regions.arrow');
    await writeSample(file);
    const loaded = readArrowTable(file);
    expect(loaded.metadata).toEqual({ run_id: 'r-1', seed: '42', units: '{"co2eKg":"kg"}' });
    expect(loaded.units).toEqual({ tick: 'tick', co2eKg: 'kg CO2e', share: '1' });
    const field = tableFromIPC(fs.readFileSync(file)).schema.fields.find((f) => f.name === 'tick')!;
    expect(field.metadata.get('description')).toBe('simulation tick');
  });

  it('writes byte-identical files for identical appends', async () => {
    await writeSample(path.join(dir, 'a.arrow'));
    await writeSample(path.join(dir, 'b.arrow'));
    const a = fs.readFileSync(path.join(dir, 'a.arrow'));
    const b = fs.readFileSync(path.join(dir, 'b.arrow'));
    expect(a.length).toBeGreaterThan(0);
    expect(a.equals(b)).toBe(true);
  });

  it('streams one record batch per batchRows rows while appending', async () => {
    const file = path.join(dir, 'regions.arrow');
    const writer = openTableWriter(file, def, {}, { batchRows: 4 });
    const { columns } = appendsFor(0);
    writer.append(columns, 7); // 4 go out at once, 3 stay buffered
    const sizeAfterFirstBatch = fs.statSync(file).size;
    writer.append(columns, 7); // 3 + 1 complete a batch, 4 complete another, 2 stay buffered
    expect(fs.statSync(file).size).toBeGreaterThan(sizeAfterFirstBatch);
    await writer.close();
    const reader = RecordBatchReader.from(fs.readFileSync(file));
    const batchRows = [...reader].map((batch) => batch.numRows);
    expect(batchRows).toEqual([4, 4, 4, 2]);
  });

  it('embeds a valid IPC stream after the leading magic (schema message included)', async () => {
    const file = path.join(dir, 'regions.arrow');
    await writeSample(file);
    const stream = tableFromIPC(fs.readFileSync(file).subarray(8));
    expect(stream.numRows).toBe(21);
    expect(stream.schema.metadata.get('seed')).toBe('42');
  });

  it('accepts plain number arrays and copies the caller buffers', async () => {
    const file = path.join(dir, 'small.arrow');
    const small = defineTable('small', [{ name: 'x', kind: 'float64' }]);
    const writer = openTableWriter(file, small, {});
    const reused = new Float64Array([1, 2]);
    writer.append({ x: reused }, 2);
    reused.fill(9); // must not change what was appended
    writer.append({ x: [3, 4, 5] }, 2); // only the first `rows` entries count
    await writer.close();
    expect(Array.from(readArrowTable(file).columns.x as Float64Array)).toEqual([1, 2, 3, 4]);
  });

  it('writes a readable empty table when nothing was appended', async () => {
    const file = path.join(dir, 'empty.arrow');
    await openTableWriter(file, def, { run_id: 'r' }).close();
    const loaded = readArrowTable(file);
    expect(loaded.rows).toBe(0);
    expect(Object.keys(loaded.columns)).toEqual(def.columns.map((c) => c.name));
  });

  it('rejects missing, short, unknown and mistyped columns, and appends after close', async () => {
    const writer = openTableWriter(path.join(dir, 'bad.arrow'), def, {});
    const { columns } = appendsFor(0);
    const { label: _label, ...withoutLabel } = columns;
    expect(() => writer.append(withoutLabel, 7)).toThrow(/missing column "label"/);
    expect(() => writer.append(columns, 8)).toThrow(/"tick" has 7 values, need 8/);
    expect(() => writer.append({ ...columns, extra: [1] }, 1)).toThrow(/unknown column "extra"/);
    expect(() => writer.append({ ...columns, tick: columns.label }, 7)).toThrow(/"tick" \(int32\) needs numbers/);
    await writer.close();
    expect(() => writer.append(columns, 7)).toThrow(/closed/);
  });
});

describe('defineTable', () => {
  it('rejects duplicate column names and freezes the definition', () => {
    expect(() => defineTable('t', [{ name: 'a', kind: 'int32' }, { name: 'a', kind: 'utf8' }])).toThrow(/"a" declared twice/);
    const t = defineTable('t', [{ name: 'a', kind: 'int32' }]);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.columns)).toBe(true);
    expect(Object.isFrozen(t.columns[0])).toBe(true);
  });
});
