// Where a one-thread tick's time goes: each tick kernel (the work the pool splits) and each serial stretch between
// kernels (the work it cannot). Amdahl's law on these figures bounds what any number of threads can gain.
// `glocal bench anatomy [scenario]`; docs/parallel.md quotes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../engine/model/load.js';
import { createWorld } from '../engine/state/create.js';
import { createStepper, endTick, runKernel, tickPhases } from '../engine/sim/step.js';
import { createRecorder } from '../engine/output/recorder.js';
import { MIN_PARALLEL_FIRM_ROWS } from '../workers/parallel-step.js';

export interface TickAnatomy {
  scenario: string;
  /** Ticks timed (the first `warmupTicks` are run but not timed: JIT warm-up). */
  ticks: number;
  warmupTicks: number;
  /** Milliseconds per tick, in tick order: `kernel NAME` for kernels, `serial ...` for the stretches around them. */
  parts: { name: string; kind: 'kernel' | 'serial'; msPerTick: number }[];
  msPerTick: number;
  /** Share of the tick in region kernels (split by region over threads at any firm count). */
  regionKernelShare: number;
  /** Best speed-up on N threads if region kernels split perfectly and everything else stays serial (Amdahl). */
  amdahl: { threads: number; speedup: number }[];
}

const REGION_KERNELS = new Set(['markets', 'households']);

/** Runs `scenario` on one thread for its ticks (or `ticks`), timing every kernel and serial stretch of each tick. */
export function tickAnatomy(name: string, opts: { ticks?: number; warmupTicks?: number } = {}): TickAnatomy {
  const { scenario, file } = loadScenario(name);
  const ticks = opts.ticks ?? scenario.ticks;
  const warmupTicks = Math.min(opts.warmupTicks ?? 10, Math.max(0, ticks - 1));
  const w = createWorld(scenario, scenario.seed, file);
  const st = createStepper(w);
  const dir = mkdtempSync(join(tmpdir(), 'glocal-anatomy-'));
  const totals = new Map<string, { kind: 'kernel' | 'serial'; ms: number }>();
  const add = (key: string, kind: 'kernel' | 'serial', ms: number) => {
    const entry = totals.get(key) ?? { kind, ms: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  };
  try {
    const recorder = createRecorder(w, dir, { run_id: 'anatomy', seed: String(scenario.seed), scenario: scenario.name, glocal_version: 'bench' });
    for (let t = 0; t < ticks; t++) {
      const timed = t >= warmupTicks;
      let last = performance.now();
      for (const kernel of tickPhases(w, st)) {
        const start = performance.now();
        if (timed) add(`serial before ${kernel}`, 'serial', start - last);
        runKernel(w, st, kernel);
        last = performance.now();
        if (timed) add(`kernel ${kernel}`, 'kernel', last - start);
      }
      const afterKernels = performance.now();
      recorder.record(w);
      endTick(w, recorder.unemployment);
      const end = performance.now();
      if (timed) {
        add('serial after the last kernel', 'serial', afterKernels - last);
        add('serial: recording, end of tick', 'serial', end - afterKernels);
      }
    }
    recorder.abort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const n = ticks - warmupTicks;
  const parts = [...totals].map(([key, v]) => ({ name: key, kind: v.kind, msPerTick: v.ms / n }));
  const msPerTick = parts.reduce((a, p) => a + p.msPerTick, 0);
  const region = parts.filter((p) => p.kind === 'kernel' && REGION_KERNELS.has(p.name.slice('kernel '.length))).reduce((a, p) => a + p.msPerTick, 0);
  const regionKernelShare = msPerTick > 0 ? region / msPerTick : 0;
  const amdahl = [2, 4, 8].map((threads) => ({ threads, speedup: 1 / (1 - regionKernelShare + regionKernelShare / threads) }));
  return { scenario: name, ticks: n, warmupTicks, parts, msPerTick, regionKernelShare, amdahl };
}

export function anatomyTable(a: TickAnatomy): string {
  const lines = [`one-thread tick of '${a.scenario}', mean of ${a.ticks} ticks after ${a.warmupTicks} warm-up ticks`, ''];
  for (const p of a.parts) lines.push(`${p.msPerTick.toFixed(2).padStart(8)} ms  ${(100 * p.msPerTick / a.msPerTick).toFixed(1).padStart(5)}%  ${p.name}`);
  lines.push(`${a.msPerTick.toFixed(2).padStart(8)} ms          whole tick`, '');
  lines.push(`region kernels (always split over threads): ${(100 * a.regionKernelShare).toFixed(1)}% of the tick; firm-row kernels are split from ${MIN_PARALLEL_FIRM_ROWS} firm rows; serial stretches run on the main thread`);
  lines.push(`Amdahl bound if only region kernels split, perfectly: ${a.amdahl.map((x) => `${x.threads} threads ${x.speedup.toFixed(2)}x`).join(', ')}`);
  return lines.join('\n') + '\n';
}
