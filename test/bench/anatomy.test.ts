// The tick anatomy behind docs/parallel.md's Amdahl figures: every kernel and serial stretch is timed, and they add up.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tickAnatomy, anatomyTable } from '../../bench/anatomy.js';
import { TICK_KERNELS } from '../../engine/sim/step.js';

describe('tickAnatomy', () => {
  it('times every tick kernel and the serial stretches between them, and bounds the speed-up', () => {
    const a = tickAnatomy('tiny', { ticks: 5, warmupTicks: 2 });
    expect(a.ticks).toBe(3);
    const kernels = a.parts.filter((p) => p.kind === 'kernel').map((p) => p.name);
    expect(kernels).toEqual(TICK_KERNELS.map((k) => `kernel ${k}`));
    expect(a.parts.filter((p) => p.kind === 'serial').length).toBeGreaterThanOrEqual(TICK_KERNELS.length);
    expect(a.parts.every((p) => p.msPerTick >= 0)).toBe(true);
    expect(a.msPerTick).toBeCloseTo(a.parts.reduce((s, p) => s + p.msPerTick, 0), 9);
    expect(a.regionKernelShare).toBeGreaterThan(0);
    expect(a.regionKernelShare).toBeLessThan(1);
    const [two, four] = a.amdahl;
    expect(two!.speedup).toBeGreaterThan(1);
    expect(two!.speedup).toBeLessThan(2);
    expect(four!.speedup).toBeGreaterThan(two!.speedup);
    expect(anatomyTable(a)).toContain('kernel households');
  });

  it('times the cold first tick with --warmup 0 --ticks 1, and rejects a negative warm-up without a stack trace', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', 'bench', 'anatomy', 'tiny', ...args], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
    const cold = cli(['--warmup', '0', '--ticks', '1']);
    expect(cold.status, cold.stderr).toBe(0);
    expect(cold.stdout).toContain("one-thread tick of 'tiny', mean of 1 ticks after 0 warm-up ticks");
    const bad = cli(['--warmup', '-1']);
    expect(bad.status).toBe(2); // a user's mistake: exit 2, as every glocal command
    expect(bad.stderr).toContain('--warmup must be a whole number of ticks');
    expect(bad.stderr).not.toContain('    at ');
  }, 60_000);
});
