import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowTable } from '../../analysis/load.js';
import { executeSweep, removeStaleTemps, runWorkerSpec } from '../../sweeps/execute.js';
import { planSweep } from '../../sweeps/plan.js';
import { createProgress } from '../../sweeps/progress.js';
import { failurePath, resultPath, runDir } from '../../sweeps/records.js';
import { parseSweep } from '../../sweeps/sweep-file.js';
import { writeSummary } from '../../sweeps/summary.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-execute-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const plan = planSweep(
  parseSweep(
    {
      scenario: 'tiny',
      ticks: 2,
      parameters: { 'policy.carbonTaxPerTonne': [0, 50] },
    },
    'test.yaml',
  ),
);
// one good run and one invalid combination (a share of 2), caught at planning
const mixed = planSweep(parseSweep({ scenario: 'tiny', ticks: 2, parameters: { 'households.localPreference': [0.5, 2] } }, 'test.yaml'));
// a run that passes validation but fails inside the worker (no such grid file), and an invalid one
const failing = planSweep(
  parseSweep({ scenario: 'tiny', ticks: 2, parameters: { 'grid.file': ['missing-grid.json'], 'households.localPreference': [0.5, 2] } }, 'test.yaml'),
);
const quiet = () => createProgress('none');

describe('the run worker file', () => {
  it('is the TypeScript source loaded through tsx here, and the .js file from dist/', () => {
    const fromSource = runWorkerSpec(new URL('../../sweeps/execute.ts', import.meta.url).href);
    expect(fromSource.filename).toBe(path.resolve('workers/run-worker.ts'));
    expect(fromSource.execArgv!.join(' ')).toMatch(/--import tsx/);
    expect(runWorkerSpec('file:///pkg/dist/sweeps/execute.js')).toEqual({ filename: '/pkg/dist/workers/run-worker.js' });
  });
});

describe('executing a sweep on the pool', () => {
  const out = path.join(tmp, 'a');

  it('runs every run in worker threads and writes a result per run', async () => {
    const outcome = await executeSweep(plan, { outDir: out, jobs: 2, progress: quiet() });
    expect(outcome).toEqual({ total: 2, skipped: 0, done: 2, failures: [] });
    for (const run of plan.runs) {
      const result = JSON.parse(fs.readFileSync(resultPath(out, run.runId), 'utf8'));
      expect(result).toMatchObject({ runId: run.runId, seed: run.seed, status: 'ok' });
      expect(result.metrics.final_employed).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(runDir(out, run.runId), 'regions.arrow'))).toBe(true);
    }
  });

  it('skips finished runs on a re-run, and only recomputes metrics for a run folder without result.json', async () => {
    const again = await executeSweep(plan, { outDir: out, jobs: 2, progress: quiet() });
    expect(again).toEqual({ total: 2, skipped: 2, done: 0, failures: [] });
    const run = plan.runs[1]!;
    const manifest = path.join(runDir(out, run.runId), 'manifest.json');
    const before = fs.statSync(manifest).mtimeMs;
    fs.rmSync(resultPath(out, run.runId));
    const repaired = await executeSweep(plan, { outDir: out, jobs: 1, progress: quiet() });
    expect(repaired).toMatchObject({ skipped: 1, done: 1 });
    expect(fs.statSync(manifest).mtimeMs).toBe(before);
    expect(fs.existsSync(resultPath(out, run.runId))).toBe(true);
  });

  it('records an invalid combination as a failed run and carries on', async () => {
    const dir = path.join(tmp, 'b');
    const outcome = await executeSweep(mixed, { outDir: dir, jobs: 2, progress: quiet() });
    expect(outcome).toMatchObject({ total: 2, done: 1 });
    expect(outcome.failures).toEqual([expect.objectContaining({ runId: mixed.runs[1]!.runId, userError: true })]);
    expect(fs.existsSync(resultPath(dir, mixed.runs[0]!.runId))).toBe(true);
    expect(JSON.parse(fs.readFileSync(failurePath(dir, mixed.runs[1]!.runId), 'utf8')).error).toMatch(/households\.localPreference/);
    expect(await writeSummary(dir, mixed)).toEqual({ rows: 2, ok: 1, failed: 1, missing: 0 });
    const summary = readArrowTable(path.join(dir, 'summary.arrow'));
    expect(summary.columns.status).toEqual(['ok', 'failed']);
    expect((summary.columns.error as string[])[0]).toBe('');
    expect((summary.columns.error as string[])[1]).toMatch(/households\.localPreference/);
    expect(Number.isNaN((summary.columns.final_employed as Float64Array)[1])).toBe(true);
  });

  it('records a run that throws inside the worker', async () => {
    const dir = path.join(tmp, 'c');
    const outcome = await executeSweep(failing, { outDir: dir, jobs: 1, progress: quiet() });
    expect(outcome).toMatchObject({ total: 2, done: 0 });
    expect(outcome.failures).toHaveLength(2);
    expect(JSON.parse(fs.readFileSync(failurePath(dir, failing.runs[0]!.runId), 'utf8')).error).toMatch(/missing-grid\.json/);
    await writeSummary(dir, failing);
    const summary = readArrowTable(path.join(dir, 'summary.arrow'));
    expect(summary.columns['param.grid.file']).toEqual(['missing-grid.json', 'missing-grid.json']);
    expect(summary.columns.status).toEqual(['failed', 'failed']);
  });

  it('sweeps up temp folders of dead processes but not of live ones', () => {
    const runs = path.join(tmp, 'd');
    fs.mkdirSync(runs);
    const dead = path.join(runs, 'abc.tmp-999999999-1');
    const live = path.join(runs, `abc.tmp-${process.pid}-7`);
    fs.mkdirSync(dead);
    fs.mkdirSync(live);
    expect(removeStaleTemps(runs)).toBe(1);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });
});
