// `glocal bench compare`: ratios per figure, a figure more than 10% worse is flagged (exit 1), 5% is not.
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareFigures, formatComparison } from '../../bench/compare.js';
import type { Figure } from '../../bench/figures.js';

const fig = (key: string, value: number, better: Figure['better'], gate = true): Figure => ({ key, value, unit: 'u', better, gate });
const base = [fig('run/default/wallSeconds', 10, 'lower'), fig('run/default/householdTicksPerSecond', 2e6, 'higher'), fig('bandwidth/updateGBps', 10, 'higher', false)];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'glocal-bench-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(a: Figure[], b: Figure[]): { status: number | null; stdout: string } {
  const fa = path.join(tmp, 'a.json');
  const fb = path.join(tmp, 'b.json');
  writeFileSync(fa, JSON.stringify({ schema: 'glocal-bench/1', figures: a }));
  writeFileSync(fb, JSON.stringify({ schema: 'glocal-bench/1', figures: b }));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'bench', 'compare', fa, fb], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('compareFigures', () => {
  it('flags a 15% slower wall time and a 15% lower throughput', () => {
    const c = compareFigures(base, [fig('run/default/wallSeconds', 11.5, 'lower'), fig('run/default/householdTicksPerSecond', 1.7e6, 'higher'), base[2]!]);
    expect(c.rows.filter((r) => r.flagged).map((r) => r.key)).toEqual(['run/default/wallSeconds', 'run/default/householdTicksPerSecond']);
    expect(c.rows[0]!.ratio).toBeCloseTo(1.15, 10);
    expect(c.rows[0]!.worse).toBeCloseTo(0.15, 10);
  });

  it('passes a 5% regression and any improvement', () => {
    const c = compareFigures(base, [fig('run/default/wallSeconds', 10.5, 'lower'), fig('run/default/householdTicksPerSecond', 3e6, 'higher'), base[2]!]);
    expect(c.flagged).toBe(0);
    expect(c.rows[1]!.worse).toBeLessThan(0);
  });

  it('shows but never flags machine figures, and lists figures only one side has', () => {
    const c = compareFigures(base, [base[0]!, fig('bandwidth/updateGBps', 5, 'higher', false), fig('new', 1, 'lower')]);
    expect(c.flagged).toBe(0);
    expect(c.onlyInA).toEqual(['run/default/householdTicksPerSecond']);
    expect(c.onlyInB).toEqual(['new']);
    expect(formatComparison(c)).toContain('(machine)');
  });
});

describe('glocal bench compare', () => {
  it('exits 1 and marks the figure when one is 15% worse', () => {
    const r = cli(base, [fig('run/default/wallSeconds', 11.5, 'lower'), base[1]!, base[2]!]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/run\/default\/wallSeconds .*REGRESSION/);
    expect(r.stdout).toContain('1 figure(s) more than 10% worse');
  });

  it('exits 0 when the worst figure is 5% worse', () => {
    const r = cli(base, [fig('run/default/wallSeconds', 10.5, 'lower'), base[1]!, base[2]!]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('REGRESSION');
  });
});
