// Tests for analysis/sensitivity-report.ts on constructed sweep folders (sweep.json + summary.arrow) with known
// answers: Ishigami Sobol indices through the whole folder path, Morris ranking, replicate averaging, refusals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTable, openTableWriter } from '../../engine/output/table-writer.js';
import { isUserError } from '../../engine/model/errors.js';
import { formatSensitivity, sensitivityFromSweep, writeSensitivityReport } from '../../analysis/sensitivity-report.js';
import { morrisDesign, saltelliDesign, type DesignPoint, type ParamRange } from '../../sweeps/designs.js';

const A = 7;
const B = 0.1;
const V = (A * A) / 8 + (B * Math.PI ** 4) / 5 + (B * B * Math.PI ** 8) / 18 + 0.5;
const V1 = 0.5 * (1 + (B * Math.PI ** 4) / 5) ** 2;
const V2 = (A * A) / 8;
const V13 = (8 * B * B * Math.PI ** 8) / 225;
const S1 = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];
const ishigami = (v: Record<string, number>) => Math.sin(v.x1) + A * Math.sin(v.x2) ** 2 + B * v.x3 ** 4 * Math.sin(v.x1);
const linear = (v: Record<string, number>) => 10 * v.x1 + 5 * v.x2 + 1 * v.x3;

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-sens-')); });
afterAll(() => { fs.rmSync(root, { recursive: true, force: true }); });

/**
 * A sweep folder as glocal sweep leaves it, without running anything: two replicates per point whose outputs are
 * f ± 1 (so only the replicate mean is f), and a second metric missing at one point.
 */
async function sweepFolder(name: string, design: Record<string, unknown>, points: DesignPoint[], f: (v: Record<string, number>) => number): Promise<string> {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  const runs = points.flatMap((p) => [0, 1].map((replicate) => ({ runId: `${p.index}-${replicate}`, point: p.index, replicate, seed: replicate, block: p.block ?? '', values: p.values })));
  fs.writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify({
    name, design, parameters: ['x1', 'x2', 'x3'].map((p) => ({ path: p, column: `param.${p}` })), metrics: ['final_employed', 'trough_depth'], runs,
  }));
  const def = defineTable('summary', [
    { name: 'run_id', kind: 'utf8' }, { name: 'point', kind: 'int32' }, { name: 'status', kind: 'utf8' },
    { name: 'final_employed', kind: 'float64' }, { name: 'trough_depth', kind: 'float64' },
  ]);
  const writer = openTableWriter(path.join(dir, 'summary.arrow'), def, {});
  writer.append({
    run_id: runs.map((r) => r.runId), point: Int32Array.from(runs, (r) => r.point), status: runs.map(() => 'ok'),
    final_employed: Float64Array.from(runs, (r) => f(r.values as Record<string, number>) + (r.replicate === 0 ? 1 : -1)),
    trough_depth: Float64Array.from(runs, (r) => (r.point === 3 ? NaN : 0.1)),
  }, runs.length);
  await writer.close();
  return dir;
}

const RANGES: ParamRange[] = ['x1', 'x2', 'x3'].map((name) => ({ name, kind: 'range', min: -Math.PI, max: Math.PI }));

describe('Sobol indices from a sobol sweep folder', () => {
  const N = 2048;
  let dir: string;
  beforeAll(async () => {
    dir = await sweepFolder('ishigami', { kind: 'sobol', samples: N }, saltelliDesign(RANGES, N, 11), ishigami);
  });

  it('matches the analytic Ishigami indices within 0.05 after averaging replicates', () => {
    const r = sensitivityFromSweep(dir, { resamples: 200, seed: 3 });
    expect(r.design).toBe('sobol');
    const { indices } = r.sobol.find((s) => s.metric === 'final_employed')!;
    indices.forEach((index, i) => {
      expect(index.name).toBe(`x${i + 1}`);
      expect(Math.abs(index.S1 - S1[i])).toBeLessThan(0.05);
      expect(Math.abs(index.ST - ST[i])).toBeLessThan(0.05);
      expect(index.S1lo).toBeLessThanOrEqual(index.S1);
    });
  });

  it('skips a metric with missing points, saying why, and writes tables, tornado charts and a report', async () => {
    const r = sensitivityFromSweep(dir, { resamples: 50 });
    expect(r.skipped).toEqual([{ metric: 'trough_depth', reason: expect.stringContaining('1 of') }]);
    expect(formatSensitivity(r)).toMatch(/x2\s+0\.4\d* \[/);
    const out = path.join(root, 'ishigami-report');
    const built = await writeSensitivityReport(r, out);
    expect(built.charts).toBe(1);
    expect(fs.readFileSync(path.join(out, 'sobol.csv'), 'utf8').split('\r\n')[0]).toBe('metric,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi');
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('<svg');
  });
});

describe('Morris effects from a morris sweep folder', () => {
  it('ranks parameters as the coefficients do', async () => {
    const ranges: ParamRange[] = ['x1', 'x2', 'x3'].map((name) => ({ name, kind: 'range', min: 0, max: 1 }));
    const m = morrisDesign(ranges, 8, 4, 5);
    const dir = await sweepFolder('linear', { kind: 'morris', trajectories: 8, levels: 4, morrisSteps: m.steps }, m.points, linear);
    const r = sensitivityFromSweep(dir, { metrics: ['final_employed'] });
    const effects = r.morris[0].effects;
    expect(effects.map((e) => e.muStar)).toEqual([expect.closeTo(10, 9), expect.closeTo(5, 9), expect.closeTo(1, 9)]);
    expect(effects.every((e) => e.sigma < 1e-9)).toBe(true);
  });
});

describe('refusals', () => {
  it('refuses a grid sweep, a folder without sweep.json and an unknown metric, as user errors', async () => {
    const grid = await sweepFolder('grid', { kind: 'grid' }, [{ index: 0, values: { x1: 0, x2: 0, x3: 0 } }], linear);
    const sobol = await sweepFolder('small', { kind: 'sobol', samples: 4 }, saltelliDesign(RANGES, 4, 1), linear);
    const cases: [string, { metrics?: string[] }, string][] = [[grid, {}, 'grid design'], [root, {}, 'no sweep.json'], [sobol, { metrics: ['nope'] }, 'unknown metric']];
    for (const [d, opts, text] of cases) {
      let caught: unknown;
      try { sensitivityFromSweep(d, opts); } catch (err) { caught = err; }
      expect(isUserError(caught), text).toBe(true);
      expect((caught as Error).message).toContain(text);
    }
  });
});
