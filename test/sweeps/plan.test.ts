import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSweep } from '../../sweeps/sweep-file.js';
import { planSweep, replicateSeed, uniqueRuns } from '../../sweeps/plan.js';
import { formatPlan, readPlanFile, writePlanFile } from '../../sweeps/plan-file.js';
import { SweepFileError } from '../../sweeps/sweep-file.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-plan-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const plan = (raw: Record<string, unknown>) => planSweep(parseSweep({ scenario: 'tiny', ticks: 3, ...raw }, 'test.yaml'));

describe('planning a sweep', () => {
  it('crosses design points with replicates; replicate seeds are shared by all points', () => {
    const p = plan({ replicates: 3, seed: 9, parameters: { 'policy.carbonTaxPerTonne': '0:100:50', 'households.localPreference': [0, 1] } });
    expect(p.runs).toHaveLength(3 * 2 * 3);
    expect(new Set(p.runs.map((r) => r.runId)).size).toBe(18);
    for (const r of p.runs) expect(r.seed).toBe(replicateSeed(9, r.replicate));
    expect(p.runs.slice(0, 3).map((r) => [r.point, r.replicate])).toEqual([[0, 0], [0, 1], [0, 2]]);
    expect(p.runs[3]!.values).toEqual({ 'policy.carbonTaxPerTonne': 0, 'households.localPreference': 1 });
    expect(p.parameters.map((x) => x.column)).toEqual(['param.policy.carbonTaxPerTonne', 'param.households.localPreference']);
  });

  it('is the same every time, and changes with the sweep seed', () => {
    const raw = { design: { kind: 'lhs', samples: 5 }, replicates: 2, parameters: { 'policy.carbonTaxPerTonne': '0:200' } };
    const a = plan(raw);
    expect(plan(raw)).toEqual(a);
    const b = plan({ ...raw, seed: 2 });
    expect(b.runs.map((r) => r.values)).not.toEqual(a.runs.map((r) => r.values));
    expect(b.runs.map((r) => r.seed)).not.toEqual(a.runs.map((r) => r.seed));
    expect(b.fingerprint).not.toBe(a.fingerprint);
  });

  it('records sobol blocks and morris steps for sensitivity analysis', () => {
    const sobol = plan({ design: { kind: 'sobol', samples: 4 }, parameters: { 'policy.carbonTaxPerTonne': '0:200', 'policy.tariff': '0:0.3' } });
    expect(sobol.runs).toHaveLength(4 * (2 + 2));
    expect([...new Set(sobol.runs.map((r) => r.block))]).toEqual(['A', 'B', 'AB1', 'AB2']);
    const morris = plan({ design: { kind: 'morris', trajectories: 3, levels: 4 }, parameters: { 'policy.carbonTaxPerTonne': '0:200', 'policy.tariff': '0:0.3' } });
    expect(morris.runs).toHaveLength(3 * 3);
    expect(morris.design.morrisSteps).toHaveLength(3 * 2);
  });

  it('marks invalid combinations instead of refusing the sweep', () => {
    const p = plan({ parameters: { 'households.localPreference': [0.5, 2] } });
    expect(p.runs[0]!.invalid).toBeUndefined();
    expect(p.runs[1]!.invalid).toMatch(/households\.localPreference/);
  });

  it('refuses a sweep whose every point is invalid (a mistyped path, say) as a user error', () => {
    expect(() => plan({ parameters: { 'policy.carbonTax': [1, 2] } })).toThrow(SweepFileError);
    expect(() => plan({ parameters: { 'policy.carbonTax': [1, 2] } })).toThrow(/every design point gives an invalid scenario[\s\S]*policy\.carbonTax: unknown key/);
  });

  it('runs coinciding design points once', () => {
    const p = plan({ parameters: { 'policy.carbonTaxPerTonne': [10, 10] } });
    expect(p.runs).toHaveLength(2);
    expect(uniqueRuns(p)).toHaveLength(1);
  });

  it('resolves a scenario path relative to the sweep file', () => {
    fs.copyFileSync(path.resolve('scenarios/tiny.yaml'), path.join(tmp, 'mine.yaml'));
    const file = path.join(tmp, 'sweep.yaml');
    fs.writeFileSync(file, 'scenario: mine.yaml\n');
    const p = planSweep(parseSweep({ scenario: 'mine.yaml' }, file));
    expect(p.scenario.file).toBe(path.join(tmp, 'mine.yaml'));
  });
});

describe('sweep.json', () => {
  it('round-trips and refuses a different sweep in the same folder', () => {
    const dir = path.join(tmp, 'out');
    const a = plan({ parameters: { 'policy.carbonTaxPerTonne': [0, 50] } });
    writePlanFile(dir, a);
    expect(readPlanFile(dir)).toEqual(JSON.parse(formatPlan(a)));
    writePlanFile(dir, a); // the same plan again is fine (a re-run, another shard)
    const b = plan({ parameters: { 'policy.carbonTaxPerTonne': [0, 60] } });
    expect(() => writePlanFile(dir, b)).toThrow(/holds a different sweep/);
  });
});
