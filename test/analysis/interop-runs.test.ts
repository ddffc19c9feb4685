// Interop on real outputs: a tiny run's tables and a sweep's summary.arrow read by nodejs-polars (an independent
// Arrow implementation) equal what apache-arrow reads, and polars recomputes two of our metrics to the same value.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../engine/index.js';
import { readArrowTable } from '../../analysis/load.js';
import { analyseRunData } from '../../analysis/metrics.js';
import { readRunForMetrics } from '../../analysis/compare-groups.js';
import { parseSweep } from '../../sweeps/sweep-file.js';
import { planSweep } from '../../sweeps/plan.js';
import { executeSweep } from '../../sweeps/execute.js';
import { createProgress } from '../../sweeps/progress.js';
import { writeSummary } from '../../sweeps/summary.js';

const TICKS = 12;
let dir: string;
let runDir: string;
let sweepDir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-interop-runs-'));
  runDir = path.join(dir, 'run');
  const { scenario } = loadScenario('tiny', { sets: ['output.firmsEvery=4'] });
  await runScenario(scenario, { seed: 5, ticks: TICKS, outDir: runDir });
  sweepDir = path.join(dir, 'sweep');
  const def = parseSweep({ name: 'interop', scenario: 'tiny', replicates: 1, ticks: 6, parameters: { 'households.localPreference': [0, 0.5] } }, '(test)');
  const plan = planSweep(def);
  await executeSweep(plan, { outDir: sweepDir, jobs: 2, progress: createProgress('none') });
  await writeSummary(sweepDir, plan);
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Polars reads bytes: given a string not ending in .ipc it would take the string as data. */
const readPolars = (file: string) => pl.readIPC(fs.readFileSync(file));

function sameTable(file: string): void {
  const ours = readArrowTable(file);
  const frame = readPolars(file);
  expect(frame.height).toBe(ours.rows);
  expect(frame.columns).toEqual(Object.keys(ours.columns));
  for (const name of frame.columns) {
    const theirs = Array.from(frame.getColumn(name).toArray() as ArrayLike<unknown>);
    expect(theirs, `${path.basename(file)}:${name}`).toEqual(Array.from(ours.columns[name] as ArrayLike<unknown>));
  }
}

describe('nodejs-polars reads run outputs', () => {
  it('every table of a run has the same columns and values as apache-arrow reads', () => {
    const tables = fs.readdirSync(runDir).filter((f) => f.endsWith('.arrow')).sort();
    expect(tables).toEqual(['firms.arrow', 'flows.arrow', 'regions.arrow', 'sectors.arrow', 'transactions.arrow']);
    for (const t of tables) sameTable(path.join(runDir, t));
  });

  it('keeps the integer and text types the tables declare', () => {
    const frame = readPolars(path.join(runDir, 'regions.arrow'));
    const types = Object.fromEntries(frame.columns.map((c, i) => [c, String(frame.dtypes[i])]));
    expect(types).toMatchObject({ tick: 'DataType(Int32)', region: 'DataType(Int16)', region_name: 'DataType(String)', co2e_kg: 'DataType(Float64)' });
  });

  it('recomputes the employment rate and total CO2e with polars to our values', () => {
    const ours = analyseRunData(readRunForMetrics(runDir)).metrics;
    const regions = readPolars(path.join(runDir, 'regions.arrow'));
    const perTick = regions.groupBy('tick').agg(pl.col('employed').sum(), pl.col('labour_force').sum())
      .withColumns(pl.col('employed').cast(pl.Float64).div(pl.col('labour_force')).alias('rate'));
    expect(perTick.height).toBe(TICKS);
    expect(perTick.getColumn('rate').mean()).toBeCloseTo(ours.mean_employment_rate, 12);
    const flows = readPolars(path.join(runDir, 'flows.arrow'));
    expect(flows.getColumn('co2e_kg').sum() / ours.total_freight_co2e_kg).toBeCloseTo(1, 12);
  });
});

describe('nodejs-polars reads sweep outputs', () => {
  it('summary.arrow and the sweep\'s run tables read the same in both', () => {
    const summary = path.join(sweepDir, 'summary.arrow');
    sameTable(summary);
    const frame = readPolars(summary);
    expect(frame.getColumn('status').toArray()).toEqual(['ok', 'ok']);
    expect(frame.getColumn('param.households.localPreference').toArray()).toEqual([0, 0.5]);
    const runIds = frame.getColumn('run_id').toArray() as string[];
    for (const id of runIds) sameTable(path.join(sweepDir, 'runs', id, 'regions.arrow'));
  });
});
