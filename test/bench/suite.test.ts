// The smoke suite (what CI runs) runs end to end through the CLI and writes a result with every required field.
// No timing assertions: only that the figures exist and are sane.
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from '../../bench/suite.js';
import { summarize } from '../../bench/stats.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'glocal-bench-smoke-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

describe('glocal bench --suite smoke', () => {
  it('writes a JSON result with machine, kernels, whole runs, bandwidth, sweeps, targets and figures', () => {
    const file = path.join(tmp, 'smoke.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'bench', '--suite', 'smoke', '--json', file, '--quiet'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`written to ${file}`);
    const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
    expect(result.schema).toBe('glocal-bench/1');
    expect(result.suite).toBe('smoke');
    const m = result.machine;
    expect(m.cpuModel.length).toBeGreaterThan(0);
    expect(positive(m.cores) && positive(m.memoryBytes)).toBe(true);
    expect(m.node).toBe(process.version);
    expect(m.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(Number.isNaN(Date.parse(m.date))).toBe(false);
    expect(m.loadAvgStart).toHaveLength(3);
    expect(m.loadAvgEnd).toHaveLength(3);

    expect(result.kernels.map((k) => k.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^households/), expect.stringMatching(/^firms/), expect.stringMatching(/^ship/), expect.stringMatching(/^books/), expect.stringMatching(/Arrow/)]));
    for (const k of result.kernels) {
      expect(positive(k.kernelMs.median) && positive(k.referenceMs.median) && positive(k.ratio), k.name).toBe(true);
      expect(k.kernelMs.min).toBeLessThanOrEqual(k.kernelMs.median);
      expect(k.kernelMs.n).toBeGreaterThanOrEqual(5);
    }

    const run = result.wholeRuns.find((w) => w.scenario === 'tiny' && w.workers === 1)!;
    expect(run.runs).toBe(2);
    for (const v of [run.wallSeconds.median, run.ticksPerSecond.median, run.householdTicksPerSecond.median, run.peakRssBytes.median, run.bytesPerHousehold, run.bytesPerAgent, run.fractionOfBandwidthLimit]) {
      expect(positive(v)).toBe(true);
    }
    const work = run.ticks * run.households;
    expect(run.householdTicksPerSecond.median).toBeGreaterThanOrEqual(work / run.wallSeconds.max - 1e-6);
    expect(run.householdTicksPerSecond.median).toBeLessThanOrEqual(work / run.wallSeconds.min + 1e-6);
    expect(run.households).toBe(2000);
    // The run's own split of its time: set-up and a tick of median length fit inside its wall time.
    for (const v of [run.setupSeconds.median, run.medianTickMs.median, run.firstTickMs.median]) expect(positive(v)).toBe(true);
    expect(run.setupSeconds.min + run.medianTickMs.min / 1000).toBeLessThanOrEqual(run.wallSeconds.max);
    expect(result.figures.some((f) => f.key === 'run/tiny/workers=1/medianTickMs' && f.better === 'lower')).toBe(true);
    expect(result.workers.measured).toEqual([1]);
    expect(result.workers.note).toMatch(/1 worker/);
    expect(positive(result.bandwidth[0]!.updateGBps)).toBe(true);
    expect(result.sweeps!.results.map((s) => s.jobs)[0]).toBe(1);
    expect(positive(result.sweeps!.results[0]!.runsPerMinute)).toBe(true);
    expect(result.targets.length).toBe(result.kernels.length);
    expect(result.figures.some((f) => f.key === 'run/tiny/workers=1/householdTicksPerSecond' && f.better === 'higher')).toBe(true);
  });
});

describe('summarize', () => {
  it('gives the median and the median absolute deviation', () => {
    const s = summarize([5, 1, 3, 100, 4]);
    expect(s).toMatchObject({ median: 4, min: 1, max: 100, mad: 1, n: 5 });
    expect(s.relSpread).toBeCloseTo(0.25, 12);
    expect(summarize([1, 2, 3, 4]).median).toBe(2.5);
  });
});
