// Fork sweeps: the same plan structure and summary as the sweep without `fork`; with a policy that starts at the fork
// tick the numbers are equal too; points of a seed share the warm-up's rows; non-policy parameters are refused.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSweep } from '../../sweeps/sweep-file.js';
import { planSweep, type SweepPlan } from '../../sweeps/plan.js';
import { executeSweep } from '../../sweeps/execute.js';
import { createProgress } from '../../sweeps/progress.js';
import { writeSummary } from '../../sweeps/summary.js';
import { readArrowTable, type LoadedTable } from '../../analysis/load.js';
import { tempDir } from './helpers.js';

const WARMUP = 12;
const sweep = (extra: Record<string, unknown> = {}) => ({
  name: 'fork-test',
  scenario: 'tiny',
  ticks: 24,
  replicates: 2,
  // the tax is 0 before the fork tick in both sweeps, so a forked point computes what the plain one does
  parameters: { 'policy.carbonTaxPerTonne': [`(t >= ${WARMUP}) * 0`, `(t >= ${WARMUP}) * 400`] },
  ...extra,
});

async function execute(dir: string, plan: SweepPlan): Promise<LoadedTable> {
  const outcome = await executeSweep(plan, { outDir: dir, jobs: 2, progress: createProgress('none') });
  expect(outcome.failures).toEqual([]);
  await writeSummary(dir, plan, { format: 'arrow' });
  return readArrowTable(join(dir, 'summary.arrow'));
}

let root: string;
let plainPlan: SweepPlan;
let forkPlan: SweepPlan;
let plain: LoadedTable;
let forked: LoadedTable;

beforeAll(async () => {
  root = tempDir('glocal-fork-');
  plainPlan = planSweep(parseSweep(sweep(), '(test)'));
  forkPlan = planSweep(parseSweep(sweep({ fork: { warmup: WARMUP } }), '(test)'));
  plain = await execute(join(root, 'plain'), plainPlan);
  forked = await execute(join(root, 'fork'), forkPlan);
});

describe('fork sweeps', () => {
  it('plan the same points, replicates and seeds under other run ids', () => {
    expect(forkPlan.runs.map(({ point, replicate, seed, values }) => ({ point, replicate, seed, values }))).toEqual(
      plainPlan.runs.map(({ point, replicate, seed, values }) => ({ point, replicate, seed, values })),
    );
    const ids = new Set(plainPlan.runs.map((r) => r.runId));
    expect(forkPlan.runs.some((r) => ids.has(r.runId))).toBe(false);
    expect(forkPlan.fork?.warmup).toBe(WARMUP);
  });

  it('give a summary of the same structure, and equal numbers when the policy starts at the fork tick', () => {
    expect(Object.keys(forked.columns)).toEqual(Object.keys(plain.columns));
    expect(forked.rows).toBe(plain.rows);
    for (const column of ['point', 'replicate', 'seed', 'status', 'param.policy.carbonTaxPerTonne', 'mean_employment_rate', 'total_freight_co2e_kg', 'final_employed']) {
      expect(Array.from(forked.columns[column] as ArrayLike<unknown>), column).toEqual(Array.from(plain.columns[column] as ArrayLike<unknown>));
    }
    // and the tax did act after the fork: emissions differ between the two points of a seed
    const co2 = Array.from(forked.columns.total_freight_co2e_kg as ArrayLike<number>);
    expect(co2[0]).not.toBe(co2[2]);
  });

  it('run one warm-up per seed, and a re-run runs nothing again', async () => {
    const forks = join(root, 'fork', 'forks');
    expect(readdirSync(forks)).toHaveLength(2);
    const snapshots = readdirSync(forks).map((id) => join(forks, id, 'checkpoints', `tick-0000${WARMUP}`, 'checkpoint.json'));
    const written = snapshots.map((f) => statSync(f).mtimeMs);
    const again = await executeSweep(forkPlan, { outDir: join(root, 'fork'), jobs: 2, progress: createProgress('none') });
    expect(again.skipped).toBe(again.total);
    expect(snapshots.map((f) => statSync(f).mtimeMs)).toEqual(written);
  });

  it('start every point of a seed from the same warm-up rows', () => {
    const [a, b] = [0, 2].map((k) => readArrowTable(join(root, 'fork', 'runs', String(forked.columns.run_id![k]), 'regions.arrow')));
    const early = (t: LoadedTable) => Array.from(t.columns.employed as ArrayLike<number>).filter((_, i) => (t.columns.tick as ArrayLike<number>)[i]! < WARMUP);
    expect(early(a!).length).toBeGreaterThan(0);
    expect(early(a!)).toEqual(early(b!));
  });

  it('refuse a swept parameter that changes the economy being forked, and a warm-up as long as the run', () => {
    const structural = sweep({ fork: { warmup: WARMUP }, parameters: { 'households.count': [1000, 2000] } });
    expect(() => planSweep(parseSweep(structural, 's.yaml'))).toThrow(/parameters\.households\.count: a fork sweep varies only policy and shocks/);
    expect(() => planSweep(parseSweep(sweep({ fork: { warmup: 24 } }), 's.yaml'))).toThrow(/fork\.warmup: 24 ticks of warm-up leave nothing to fork in runs of 24 ticks/);
    expect(() => parseSweep(sweep({ fork: { warmup: 10, at: 3 } }), 's.yaml')).toThrow(/fork\.at: unknown key 'at'.*allowed keys: warmup/);
  });
});
