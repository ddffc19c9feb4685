// The manifest's timing splits a run's wall time: set-up before the first tick, the first ticks, the median tick.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTo } from '../../helpers/engine.js';
import type { Manifest } from '../../../engine/output/manifest.js';

describe('manifest timing', () => {
  it('reports set-up, the first ticks and the median tick, all inside the wall time', async () => {
    const dir = await runTo('tiny', {}, { ticks: 6 });
    const { timing } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(timing.firstTicksMs).toHaveLength(3);
    for (const ms of timing.firstTicksMs) expect(ms).toBeGreaterThan(0);
    expect(timing.setupSeconds).toBeGreaterThan(0);
    expect(timing.medianTickMs).toBeGreaterThan(0);
    // Set-up and the first three ticks fit in the wall time, and so does set-up and a tick of median length.
    const firstTicks = timing.firstTicksMs.reduce((a, b) => a + b, 0) / 1000;
    expect(timing.setupSeconds + firstTicks).toBeLessThanOrEqual(timing.wallSeconds);
    expect(timing.setupSeconds + timing.medianTickMs / 1000).toBeLessThanOrEqual(timing.wallSeconds);
  });
});
