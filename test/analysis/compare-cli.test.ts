// End to end on tiny: three scenarios (base, base + port closure, more local) x 2 seeds, then `glocal compare` as a
// user runs it. Checks the files, the CSV against a hand computation from the Arrow tables, and the report in Chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../engine/index.js';
import { launchChromium, watchPage } from '../helpers/browser.js';

const TICKS = 20;
const SEEDS = [3, 4];
const SHOCK = 'shocks=[{kind: port-closure, region: abroad, start: 8, duration: 4}]';
const SCENARIOS: Record<string, string[]> = { base: [], shock: [SHOCK], local: ['households.localPreference=0.6'] };
const LABELS: Record<string, string> = {
  base: 'tiny (localPreference=0.1)', shock: 'tiny (localPreference=0.1) + port-closure', local: 'tiny (localPreference=0.6)',
};
const T975_DF1 = 12.706204736174698;
const ROOT = path.resolve(import.meta.dirname, '../..');

let dir: string;
let out: string;
let stdout: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-compare-'));
  for (const [name, sets] of Object.entries(SCENARIOS)) {
    const { scenario } = loadScenario('tiny', { sets });
    for (const seed of SEEDS) await runScenario(scenario, { seed, ticks: TICKS, outDir: path.join(dir, 'runs', `${name}-s${seed}`) });
  }
  out = path.join(dir, 'report');
  stdout = execFileSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'compare', path.join(dir, 'runs'), '--baseline', 'tiny', '--out', out],
    { cwd: ROOT, encoding: 'utf8' });
});
afterAll(() => {
  if (dir && !process.env.GLOCAL_KEEP_REPORT) fs.rmSync(dir, { recursive: true, force: true });
});

/** CSV rows as objects (no quoted commas in these files' numeric rows we read). */
function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = fs.readFileSync(path.join(out, file), 'utf8').trim().split('\r\n');
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

/** The definitions, recomputed here from apache-arrow directly: mean over ticks of the employment rate, total CO2e. */
function byHand(name: string, seed: number): { rate: number; co2eKg: number } {
  const t = tableFromIPC(fs.readFileSync(path.join(dir, 'runs', `${name}-s${seed}`, 'regions.arrow')));
  const tick = t.getChild('tick')!.toArray() as Int32Array;
  const employed = t.getChild('employed')!.toArray() as Int32Array;
  const labour = t.getChild('labour_force')!.toArray() as Int32Array;
  const co2e = t.getChild('co2e_kg')!.toArray() as Float64Array;
  const e = new Float64Array(TICKS);
  const l = new Float64Array(TICKS);
  let co2eKg = 0;
  for (let i = 0; i < t.numRows; i++) {
    e[tick[i]] += employed[i];
    l[tick[i]] += labour[i];
    co2eKg += co2e[i];
  }
  return { rate: e.reduce((sum, v, i) => sum + v / l[i], 0) / TICKS, co2eKg };
}

describe('glocal compare on tiny runs', () => {
  it('prints each scenario against the baseline with intervals and paired differences', () => {
    expect(stdout).toContain(`3 scenarios; baseline ${LABELS.base}`);
    expect(stdout).toContain(`${LABELS.local} (2 seeds) vs ${LABELS.base} (2 seeds) (difference paired by seed)`);
    expect(stdout).toMatch(/Employment rate\s+\d+\.\d+% \[[\d.]+%, [\d.]+%\]/);
    expect(stdout).toContain('Resilience against the same scenario and seed without the shock');
  });

  it('writes the CSV, Markdown, chart and report files', () => {
    for (const f of ['metrics.csv', 'differences.csv', 'breakdown.csv', 'resilience.csv', 'runs.csv', 'series.csv', 'summary.md', 'report.html']) {
      expect(fs.statSync(path.join(out, f)).size, f).toBeGreaterThan(100);
    }
    const charts = fs.readdirSync(path.join(out, 'charts'));
    expect(charts).toEqual(expect.arrayContaining(['differences.svg', 'resilience-output.svg', 'series-employment_rate.svg']));
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain(`| ${LABELS.local} | 3, 4 | no shock |  |`);
  });

  it('gives CSV values equal to a hand computation from the Arrow tables', () => {
    const metrics = readCsv('metrics.csv');
    const hand = Object.fromEntries(Object.keys(SCENARIOS).map((k) => [k, SEEDS.map((s) => byHand(k, s))]));
    for (const [key, values] of Object.entries(hand)) {
      const rate = metrics.find((r) => r.scenario === LABELS[key] && r.metric === 'mean_employment_rate')!;
      expect(Number(rate.mean)).toBeCloseTo((values[0].rate + values[1].rate) / 2, 12);
      expect(Number(rate.n)).toBe(2);
      const co2e = metrics.find((r) => r.scenario === LABELS[key] && r.metric === 'total_freight_co2e_kg')!;
      expect(Number(co2e.mean) / ((values[0].co2eKg + values[1].co2eKg) / 2)).toBeCloseTo(1, 12);
    }
    // paired difference of two seeds: mean of the per-seed differences, half-width t(0.975, 1) * |d1 - d2| / 2
    const d = SEEDS.map((_, i) => hand.local[i].rate - hand.base[i].rate);
    const row = readCsv('differences.csv').find((r) => r.scenario === LABELS.local && r.metric === 'mean_employment_rate')!;
    expect(row.method).toBe('paired');
    expect(Number(row.difference)).toBeCloseTo((d[0] + d[1]) / 2, 12);
    expect(Number(row.ci_hi) - Number(row.difference)).toBeCloseTo((T975_DF1 * Math.abs(d[0] - d[1])) / 2, 9);
  });

  it('measures the shocked scenario against its no-shock twin', () => {
    const rows = readCsv('resilience.csv').filter((r) => r.scenario === LABELS.shock);
    expect(rows.map((r) => r.metric)).toContain('output_loss_vs_noshock_cents');
    for (const r of rows) expect(Number(r.n)).toBe(2);
  });

  it('opens in headless Chromium with every chart drawn and nothing failing', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems = watchPage(page);
      await page.goto(pathToFileURL(path.join(out, 'report.html')).href, { waitUntil: 'load' });
      const figures = await page.$$eval('[data-chart]', (els) => els.map((fig) => {
        const box = fig.querySelector('svg')?.getBoundingClientRect();
        return { width: box?.width ?? 0, height: box?.height ?? 0, marks: fig.querySelectorAll('g.role-mark path, g.role-mark line').length };
      }));
      expect(figures).toHaveLength(fs.readdirSync(path.join(out, 'charts')).length);
      for (const f of figures) {
        expect(f.width).toBeGreaterThan(100);
        expect(f.height).toBeGreaterThan(50);
        expect(f.marks).toBeGreaterThan(0);
      }
      const tables = await page.$$eval('table', (els) => els.length);
      expect(tables).toBeGreaterThanOrEqual(4);
      expect(problems).toEqual({ consoleErrors: [], pageErrors: [], externalRequests: [] });
    } finally {
      await browser.close();
    }
  });
});
