import { describe, expect, it } from 'vitest';
import { num, runTo, str, table } from '../helpers/engine.js';
import { createWorld, loadScenario } from '../../engine/index.js';

const NON_SQUARE = {
  'grid.width': 97,
  'grid.height': 31,
  'grid.coastNoiseCells': 0, // exact discs, so the nearest-centre rule can be checked cell by cell
  regions: [
    { name: 'west', centre: [10, 15], radiusCells: 9, populationShare: 0.4, port: true, hub: true },
    { name: 'east', centre: [85, 15], radiusCells: 9, populationShare: 0.4, port: true },
    { name: 'mid', centre: [25, 15], radiusCells: 7, populationShare: 0.2 },
  ],
};

describe('a non-square grid', () => {
  it('97 x 31: every land cell belongs to its nearest centre, routes have the right kilometres, and the run works', async () => {
    const { scenario, file } = loadScenario('tiny', { sets: NON_SQUARE });
    const w = createWorld(scenario, 1, file);
    const g = w.grid;
    expect([g.width, g.height, g.region.length]).toEqual([97, 31, 97 * 31]);
    const centres = scenario.regions.map((r) => r.centre!);
    for (let cell = 0; cell < g.region.length; cell++) {
      const r = g.region[cell]!;
      if (r < 0) continue;
      const x = cell % g.width;
      const y = Math.floor(cell / g.width);
      const d = (k: number) => Math.hypot(x - centres[k]![0], y - centres[k]![1]);
      const claimants = [0, 1, 2].filter((k) => d(k) <= scenario.regions[k]!.radiusCells);
      expect(claimants).toContain(r);
      for (const k of claimants) expect(d(r)).toBeLessThanOrEqual(d(k) + 1e-9);
    }
    expect(g.centreCell[0]).toBe(15 * 97 + 10);
    // west and mid share a land mass: road km is at least the straight line (15 cells x 25 km), and not absurdly longer.
    const R = 3;
    const roadWestMid = w.routes.km[(0 * R + 2) * 4 + 0]!;
    expect(roadWestMid).toBeGreaterThanOrEqual(15 * 25 - 1e-9);
    expect(roadWestMid).toBeLessThan(15 * 25 * 1.2);
    // east is an island: no road, but sea between the two ports.
    expect(w.routes.km[(0 * R + 1) * 4 + 0]).toBe(Infinity);
    expect(Number.isFinite(w.routes.km[(0 * R + 1) * 4 + 2]!)).toBe(true);
    const dir = await runTo('tiny', NON_SQUARE, { ticks: 5 });
    const regions = table(dir, 'regions');
    expect(regions.rows).toBe(5 * 3);
    expect(str(regions, 'region_name').slice(0, 3)).toEqual(['west', 'east', 'mid']);
    expect(num(regions, 'labour_force').slice(0, 3).reduce((a, b) => a + b, 0)).toBe(scenario.households.count);
  });
});
