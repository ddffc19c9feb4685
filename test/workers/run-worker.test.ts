import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import runTask, { type RunWorkerData } from '../../workers/run-worker.js';
import { readScenarioFile } from '../../engine/model/load.js';
import { resolveScenarioPath, GLOCAL_VERSION } from '../../engine/index.js';
import { planSweep, runSets } from '../../sweeps/plan.js';
import { parseSweep } from '../../sweeps/sweep-file.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-run-worker-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const file = resolveScenarioPath('tiny');
const data: RunWorkerData = { baseRaw: readScenarioFile(file), scenarioFile: file, version: GLOCAL_VERSION };
const plan = planSweep(parseSweep({ scenario: 'tiny', ticks: 2, parameters: { 'policy.carbonTaxPerTonne': [25] } }, 's.yaml'));
const run = plan.runs[0]!;

describe('the run worker task', () => {
  it('runs the planned scenario and returns and stores its metrics', async () => {
    const outcome = await runTask({ runId: run.runId, seed: run.seed, sets: runSets(plan, run.values), outDir: tmp }, data);
    expect(outcome).toMatchObject({ status: 'ok', runId: run.runId, seed: run.seed });
    const stored = JSON.parse(fs.readFileSync(path.join(tmp, 'runs', run.runId, 'result.json'), 'utf8'));
    expect(stored.metrics.mean_employment_rate).toBe((outcome as { metrics: Record<string, number> }).metrics.mean_employment_rate);
    const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'runs', run.runId, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ runId: run.runId, seed: run.seed, workers: 1 });
  });

  it('refuses to store a run under an id its scenario does not hash to', async () => {
    const outcome = await runTask({ runId: '0000000000000000', seed: run.seed, sets: runSets(plan, run.values), outDir: tmp }, data);
    expect(outcome).toMatchObject({ status: 'failed', userError: false, error: expect.stringMatching(/run id mismatch/) });
    expect(fs.existsSync(path.join(tmp, 'runs', '0000000000000000'))).toBe(false);
  });

  it('returns a user error as a value, marked as such', async () => {
    const outcome = await runTask({ runId: run.runId, seed: run.seed, sets: { 'households.localPreference': 3 }, outDir: path.join(tmp, 'x') }, data);
    expect(outcome).toMatchObject({ status: 'failed', userError: true, error: expect.stringMatching(/households\.localPreference/) });
  });
});
