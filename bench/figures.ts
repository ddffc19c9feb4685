// Turns a suite's result into flat, named figures (what compare reads) and into the targets (reported,
// never asserted). Keeping the names here makes them stable across releases.
import type { BenchResult } from './suite.js';
import { KERNEL_TARGET_RATIO } from './kernels.js';

export interface Figure {
  key: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  /** False for figures of the machine rather than of glocal (bandwidth): shown by compare, never flagged. */
  gate: boolean;
}

export interface TargetCheck {
  name: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
  note?: string;
}

type Partial_ = Omit<BenchResult, 'targets' | 'figures'>;

export function figuresOf(r: Partial_): Figure[] {
  const out: Figure[] = [];
  const add = (key: string, value: number | undefined, unit: string, better: Figure['better'], gate = true) => {
    if (value !== undefined && Number.isFinite(value)) out.push({ key, value, unit, better, gate });
  };
  for (const b of r.bandwidth) {
    add(`bandwidth/${b.scenario}/readGBps`, b.readGBps, 'GB/s', 'higher', false);
    add(`bandwidth/${b.scenario}/updateGBps`, b.updateGBps, 'GB/s', 'higher', false);
  }
  for (const k of r.kernels) {
    add(`kernel/${k.scenario}/${k.name}/ms`, k.kernelMs.median, 'ms', 'lower');
    add(`kernel/${k.scenario}/${k.name}/ratioToReference`, k.ratio, 'x', 'lower');
  }
  for (const w of r.wholeRuns) {
    const p = `run/${w.scenario}/workers=${w.workers}`;
    add(`${p}/wallSeconds`, w.wallSeconds.median, 's', 'lower');
    add(`${p}/householdTicksPerSecond`, w.householdTicksPerSecond.median, 'household-ticks/s', 'higher');
    add(`${p}/householdTicksPerCpuSecond`, w.householdTicksPerCpuSecond.median, 'household-ticks/CPU-s', 'higher');
    add(`${p}/peakRssBytes`, w.peakRssBytes.median, 'bytes', 'lower');
    add(`${p}/bytesPerHouseholdAboveBaseline`, w.bytesPerHouseholdAboveBaseline, 'bytes', 'lower');
    add(`${p}/fractionOfBandwidthLimit`, w.fractionOfBandwidthLimit, 'share', 'higher');
    add(`${p}/medianTickMs`, w.medianTickMs.median, 'ms', 'lower');
    add(`${p}/setupSeconds`, w.setupSeconds.median, 's', 'lower');
    if (w.workers > 1) add(`${p}/speedup`, w.speedup, 'x', 'higher');
    if (w.workers > 1) add(`${p}/tickSpeedup`, w.tickSpeedup, 'x', 'higher');
  }
  for (const s of r.sweeps?.results ?? []) add(`sweep/tiny-${s.runs}runs-${r.sweeps!.ticks}ticks/jobs=${s.jobs}/runsPerMinute`, s.runsPerMinute, 'runs/min', 'higher');
  return out;
}

export function targetsOf(r: Partial_): TargetCheck[] {
  const run = (scenario: string, workers: number) => r.wholeRuns.find((w) => w.scenario === scenario && w.workers === workers);
  const out: TargetCheck[] = [];
  const def = run('default', 1);
  if (def) {
    const v = def.householdTicksPerSecond.median;
    out.push({ name: 'default, 1 worker: household-ticks per second', value: v, unit: 'household-ticks/s', target: '>= 2,000,000', met: v >= 2e6 });
  }
  const def2 = run('default', 2);
  if (def && def2?.speedup !== undefined) {
    out.push({
      name: 'default, 2 workers vs 1: whole-run speedup',
      value: def2.speedup,
      unit: 'x',
      target: '>= 1.7',
      met: def2.speedup >= 1.7,
      note: def2.tickSpeedup !== undefined ? `median tick ${def.medianTickMs.median.toFixed(1)} ms vs ${def2.medianTickMs.median.toFixed(1)} ms: ${def2.tickSpeedup.toFixed(2)}x on the steady ticks alone` : undefined,
    });
  }
  const large2 = run('large', 2);
  if (large2) {
    const v = large2.wallSeconds.median;
    out.push({ name: 'large, 2 workers: wall time', value: v, unit: 's', target: '< 30', met: v < 30 });
  }
  const large = large2 ?? run('large', 1);
  if (large) {
    out.push({
      name: 'large: bytes per household (peak RSS / households, Node included)',
      value: large.bytesPerHousehold,
      unit: 'bytes',
      target: '< 400',
      met: large.bytesPerHousehold < 400,
      note: `above Node's own baseline: ${large.bytesPerHouseholdAboveBaseline.toFixed(0)} bytes; agent columns alone: ${(large.columnBytes / large.households).toFixed(0)} bytes`,
    });
  }
  for (const k of r.kernels) {
    out.push({ name: `kernel within ${KERNEL_TARGET_RATIO}x of its reference loop: ${k.name}`, value: k.ratio, unit: 'x', target: `<= ${KERNEL_TARGET_RATIO}`, met: k.withinTarget });
  }
  return out;
}
