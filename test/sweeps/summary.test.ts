import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowTable } from '../../analysis/load.js';
import { planSweep } from '../../sweeps/plan.js';
import { writeFailure, writeResult } from '../../sweeps/records.js';
import { parseSweep } from '../../sweeps/sweep-file.js';
import { writeSummary } from '../../sweeps/summary.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-summary-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const plan = planSweep(
  parseSweep({ scenario: 'tiny', replicates: 2, metrics: ['final_employed', 'recovery_ticks'], parameters: { 'policy.carbonTaxPerTonne': [0, 50], 'households.choice.kind': ['logit'] } }, 's.yaml'),
);
const metrics = (employed: number) => ({ final_employed: employed, recovery_ticks: Infinity, mean_price_index: 1 });

describe('the sweep summary', () => {
  it('has one row per planned run in plan order, from the run records alone', async () => {
    const dir = path.join(tmp, 'a');
    const [r0, r1, r2] = plan.runs;
    fs.mkdirSync(path.join(dir, 'runs', r0!.runId), { recursive: true });
    writeResult(dir, { runId: r0!.runId, seed: r0!.seed, status: 'ok', wallSeconds: 0.5, metrics: metrics(10) });
    // a failure from an earlier attempt that later succeeded: the success counts
    fs.mkdirSync(path.join(dir, 'runs', r1!.runId), { recursive: true });
    writeFailure(dir, { runId: r1!.runId, seed: r1!.seed, status: 'failed', error: 'worker crashed', userError: false });
    writeResult(dir, { runId: r1!.runId, seed: r1!.seed, status: 'ok', wallSeconds: 0.25, metrics: metrics(11) });
    writeFailure(dir, { runId: r2!.runId, seed: r2!.seed, status: 'failed', error: 'books do not balance', userError: false });

    expect(await writeSummary(dir, plan, { format: 'parquet' })).toEqual({ rows: 4, ok: 2, failed: 1, missing: 1 });
    const t = readArrowTable(path.join(dir, 'summary.arrow'));
    expect(t.rows).toBe(4);
    expect(Object.keys(t.columns)).toEqual([
      'run_id', 'point', 'replicate', 'block', 'seed',
      'param.policy.carbonTaxPerTonne', 'param.households.choice.kind',
      'status', 'error', 'wall_seconds', 'final_employed', 'recovery_ticks',
    ]);
    expect(t.columns.run_id).toEqual(plan.runs.map((r) => r.runId));
    expect([...(t.columns.point as Int32Array)]).toEqual([0, 0, 1, 1]);
    expect([...(t.columns.replicate as Int32Array)]).toEqual([0, 1, 0, 1]);
    expect([...(t.columns.seed as Int32Array)]).toEqual(plan.runs.map((r) => r.seed));
    expect([...(t.columns['param.policy.carbonTaxPerTonne'] as Float64Array)]).toEqual([0, 0, 50, 50]);
    expect(t.columns['param.households.choice.kind']).toEqual(['logit', 'logit', 'logit', 'logit']);
    expect(t.columns.status).toEqual(['ok', 'ok', 'failed', 'missing']);
    expect(t.columns.error).toEqual(['', '', 'books do not balance', 'not run yet']);
    expect([...(t.columns.final_employed as Float64Array)]).toEqual([10, 11, NaN, NaN]);
    expect((t.columns.recovery_ticks as Float64Array)[0]).toBe(Infinity);
    expect(t.units.wall_seconds).toBe('s');
    expect(t.metadata).toMatchObject({ sweep_name: 's', sweep_seed: '1', scenario: 'tiny', sweep_fingerprint: plan.fingerprint });
    expect(JSON.parse(t.metadata.parameters!)).toEqual([
      { path: 'policy.carbonTaxPerTonne', column: 'param.policy.carbonTaxPerTonne' },
      { path: 'households.choice.kind', column: 'param.households.choice.kind' },
    ]);

    const parquet = pl.readParquet(path.join(dir, 'summary.parquet'));
    expect(parquet.height).toBe(4);
    expect(parquet.getColumn('status').toArray()).toEqual(['ok', 'ok', 'failed', 'missing']);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('gives the same bytes when built twice from the same records', async () => {
    const dir = path.join(tmp, 'a');
    await writeSummary(dir, plan);
    const first = fs.readFileSync(path.join(dir, 'summary.arrow'));
    await writeSummary(dir, plan);
    expect(fs.readFileSync(path.join(dir, 'summary.arrow')).equals(first)).toBe(true);
  });
});

describe('run records', () => {
  it('are written even when a dead process with our pid left its temp files behind', async () => {
    const { resultPath } = await import('../../sweeps/records.js');
    const { upcomingTempNames } = await import('../../sweeps/shared-write.js');
    const dir = path.join(tmp, 'stale');
    const run = plan.runs[0]!;
    fs.mkdirSync(path.join(dir, 'runs', run.runId), { recursive: true });
    const stale = upcomingTempNames(resultPath(dir, run.runId), 5);
    for (const name of stale) fs.writeFileSync(name, 'half');
    writeResult(dir, { runId: run.runId, seed: run.seed, status: 'ok', wallSeconds: 1, metrics: metrics(3) });
    expect(JSON.parse(fs.readFileSync(resultPath(dir, run.runId), 'utf8')).metrics.final_employed).toBe(3);
    for (const name of stale) expect(fs.readFileSync(name, 'utf8')).toBe('half');
  });
});
