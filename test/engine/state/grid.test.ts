// Tests seeded grid generation: land and region assignment on non-square grids, infrastructure, weights, errors.
// The grid underlies every distance in the model, so index mix-ups (x vs y) must fail here first.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GridSpec, RegionSpec, type ScenarioInput } from '../../../engine/model/schema.js';
import { isUserError } from '../../../engine/model/errors.js';
import {
  createGrid, landMasses, bresenham, INFRA_AIRPORT, INFRA_PORT, INFRA_RAIL, INFRA_ROAD, LAND, WATER, type Grid,
} from '../../../engine/state/grid.js';

type RegionInput = ScenarioInput['regions'][number];
const regionsOf = (list: Partial<RegionInput>[]) =>
  list.map((r, i) => RegionSpec.parse({ name: `r${i}`, populationShare: 1, ...r }));
const gridSpec = (g: Partial<ScenarioInput['grid']>) => GridSpec.parse({ width: 64, height: 48, ...g });

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    expect(isUserError(err)).toBe(true);
    return err as Error;
  }
  throw new Error('expected a user error');
}

const xy = (g: Grid, c: number) => [c % g.width, Math.floor(c / g.width)] as const;

describe('createGrid: region assignment', () => {
  it('assigns every cell of a 97 x 31 grid to the nearest centre whose disc contains it', () => {
    const centres: [number, number][] = [[5, 25], [40, 3], [80, 20], [60, 28]];
    const radii = [14, 18, 12, 9];
    const regions = regionsOf(centres.map((centre, i) => ({ centre, radiusCells: radii[i]! })));
    const g = createGrid(gridSpec({ width: 97, height: 31, coastNoiseCells: 0 }), regions, 7);
    expect(g.terrain.length).toBe(97 * 31);
    centres.forEach(([x, y], r) => expect(g.centreCell[r]).toBe(y * 97 + x));
    let landCount = 0;
    for (let y = 0; y < 31; y++) {
      for (let x = 0; x < 97; x++) {
        let expected = -1, bestD2 = Infinity;
        centres.forEach(([cx, cy], r) => {
          const d2 = (x - cx) ** 2 + (y - cy) ** 2;
          if (d2 <= radii[r]! ** 2 && d2 < bestD2) [expected, bestD2] = [r, d2];
        });
        const c = y * 97 + x;
        expect(g.region[c], `cell [${x}, ${y}]`).toBe(expected);
        expect(g.terrain[c]).toBe(expected >= 0 ? LAND : WATER);
        if (expected >= 0) landCount++;
      }
    }
    expect(landCount).toBeGreaterThan(97 * 31 * 0.3);
    expect(landCount).toBeLessThan(97 * 31);
  });

  it('keeps noisy coastlines within the noise amplitude and every centre in its own region', () => {
    const regions = regionsOf([{ centre: [20, 20], radiusCells: 10 }, { centre: [60, 30], radiusCells: 14 }, {}, {}]);
    const g = createGrid(gridSpec({ coastNoiseCells: 3 }), regions, 11);
    for (let r = 0; r < g.regionCount; r++) expect(g.region[g.centreCell[r]!]).toBe(r);
    let differsFromDisc = 0;
    for (let c = 0; c < g.terrain.length; c++) {
      const [x, y] = xy(g, c);
      const inDisc = regions.some((spec, r) => Math.hypot(x - xy(g, g.centreCell[r]!)[0], y - xy(g, g.centreCell[r]!)[1]) <= spec.radiusCells);
      if ((g.terrain[c] === LAND) !== inDisc) differsFromDisc++;
      if (g.region[c]! < 0) continue;
      const [cx, cy] = xy(g, g.centreCell[g.region[c]!]!);
      expect(Math.hypot(x - cx, y - cy)).toBeLessThanOrEqual(regions[g.region[c]!]!.radiusCells + 3);
    }
    expect(differsFromDisc).toBeGreaterThan(0);
  });

  it('is deterministic in the seed and places free centres at least a radius apart', () => {
    const regions = regionsOf(Array.from({ length: 8 }, () => ({ radiusCells: 6 })));
    const a = createGrid(gridSpec({}), regions, 3);
    const b = createGrid(gridSpec({}), regions, 3);
    const c = createGrid(gridSpec({}), regions, 4);
    expect(a.region).toEqual(b.region);
    expect(a.centreCell).toEqual(b.centreCell);
    expect(a.popWeight).toEqual(b.popWeight);
    expect(a.centreCell).not.toEqual(c.centreCell);
    for (let i = 0; i < 8; i++) {
      for (let j = i + 1; j < 8; j++) {
        const [xi, yi] = xy(a, a.centreCell[i]!), [xj, yj] = xy(a, a.centreCell[j]!);
        expect(Math.hypot(xi - xj, yi - yj)).toBeGreaterThanOrEqual(6);
      }
    }
  });

  it('keeps separate discs as separate islands', () => {
    const regions = regionsOf([{ centre: [10, 10], radiusCells: 6 }, { centre: [45, 30], radiusCells: 6 }]);
    const g = createGrid(gridSpec({ coastNoiseCells: 1 }), regions, 1);
    const mass = landMasses(g.width, g.terrain);
    expect(mass[g.centreCell[0]!]).not.toBe(mass[g.centreCell[1]!]);
  });
});

describe('createGrid: infrastructure and weights', () => {
  const regions = regionsOf([
    { centre: [12, 12], radiusCells: 10, port: true, airport: true },
    { centre: [26, 18], radiusCells: 10 },
    { centre: [20, 4], radiusCells: 8, rail: false },
    { centre: [52, 36], radiusCells: 7, port: true },
  ]);
  const g = createGrid(gridSpec({ coastNoiseCells: 0 }), regions, 5);

  it('puts roads on all land and only land', () => {
    for (let c = 0; c < g.terrain.length; c++) expect((g.infra[c]! & INFRA_ROAD) !== 0).toBe(g.terrain[c] === LAND);
  });

  it('draws rail along the straight line between rail regions on one land mass only', () => {
    const line: number[] = [];
    bresenham(g.width, g.centreCell[0]!, g.centreCell[1]!, line);
    for (const c of line) expect(g.infra[c]! & INFRA_RAIL).toBe(INFRA_RAIL);
    expect(g.infra[g.centreCell[2]!]! & INFRA_RAIL).toBe(0); // rail: false
    expect(g.infra[g.centreCell[3]!]! & INFRA_RAIL).toBe(0); // an island: no line stays on land
    for (let c = 0; c < g.terrain.length; c++) if (g.infra[c]! & INFRA_RAIL) expect(g.terrain[c]).toBe(LAND);
  });

  it('puts a port on the region coast cell nearest the centre, and the airport on the centre', () => {
    for (const r of [0, 3]) {
      const port = g.portCell[r]!;
      expect(g.region[port]).toBe(r);
      expect(g.infra[port]! & INFRA_PORT).toBe(INFRA_PORT);
      const [cx, cy] = xy(g, g.centreCell[r]!), [px, py] = xy(g, port);
      const portD2 = (px - cx) ** 2 + (py - cy) ** 2;
      for (let i = g.regionCellStart[r]!; i < g.regionCellStart[r + 1]!; i++) {
        const [x, y] = xy(g, g.cellsOfRegion[i]!);
        const coastal = [-1, 0, 1].some((dy) => [-1, 0, 1].some((dx) => g.terrain[(y + dy) * g.width + x + dx] === WATER && x + dx >= 0 && y + dy >= 0 && x + dx < g.width && y + dy < g.height));
        if (coastal) expect((x - cx) ** 2 + (y - cy) ** 2).toBeGreaterThanOrEqual(portD2);
      }
    }
    expect(g.portCell[1]).toBe(-1);
    expect(g.airportCell[0]).toBe(g.centreCell[0]);
    expect(g.infra[g.centreCell[0]!]! & INFRA_AIRPORT).toBe(INFRA_AIRPORT);
    expect([...g.airportCell.slice(1)]).toEqual([-1, -1, -1]);
  });

  it('lists each land cell once in its region (CSR) with weights summing to 1, highest at the centre', () => {
    const seen = new Uint8Array(g.terrain.length);
    for (let r = 0; r < g.regionCount; r++) {
      let sum = 0, max = 0;
      for (let i = g.regionCellStart[r]!; i < g.regionCellStart[r + 1]!; i++) {
        const c = g.cellsOfRegion[i]!;
        expect(g.region[c]).toBe(r);
        seen[c]!++;
        sum += g.popWeight[c]!;
        max = Math.max(max, g.popWeight[c]!);
      }
      expect(sum).toBeCloseTo(1, 5);
      expect(g.popWeight[g.centreCell[r]!]).toBe(max);
    }
    for (let c = 0; c < g.terrain.length; c++) expect(seen[c]).toBe(g.terrain[c] === LAND ? 1 : 0);
    expect(g.regionNames).toEqual(['r0', 'r1', 'r2', 'r3']);
  });
});

describe('createGrid: errors', () => {
  it('names the region whose port has no coast', () => {
    const regions = regionsOf([{ name: 'inland', centre: [10, 10], radiusCells: 200, port: true }]);
    expect(errorOf(() => createGrid(gridSpec({}), regions, 1)).message).toMatch(/regions\[0\]\.port: region 'inland'.*no coast/);
  });

  it('names a centre outside the grid or shared with another region', () => {
    expect(errorOf(() => createGrid(gridSpec({}), regionsOf([{}, {}, { centre: [64, 3] }]), 1)).message).toMatch(/regions\[2\]\.centre: \[64, 3\] lies outside the 64 x 48 grid/);
    expect(errorOf(() => createGrid(gridSpec({}), regionsOf([{ centre: [3, 3] }, { centre: [3, 3] }]), 1)).message).toMatch(/regions\[1\]\.centre.*regions\[0\]/);
  });

  it('reports when regions cannot be placed apart or outnumber the cells', () => {
    const crowded = regionsOf(Array.from({ length: 30 }, () => ({ radiusCells: 20 })));
    expect(errorOf(() => createGrid(gridSpec({}), crowded, 1)).message).toMatch(/regions\[\d+\]\.centre: no free spot/);
    const many = regionsOf(Array.from({ length: 17 }, () => ({ radiusCells: 1 })));
    expect(errorOf(() => createGrid(gridSpec({ width: 4, height: 4 }), many, 1)).message).toMatch(/grid: a 4 x 4 grid has 16 cells, fewer than the 17 regions/);
  });
});

describe('createGrid: grid file', () => {
  it('reads spec.file relative to the scenario folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glocal-grid-'));
    writeFileSync(join(dir, 'g.json'), JSON.stringify({ width: 4, height: 4, legend: { a: 'r0' }, rows: ['aa..', 'aa..', '....', '....'] }));
    const g = createGrid(gridSpec({ width: 4, height: 4, file: 'g.json' }), regionsOf([{}]), 1, dir);
    expect([...g.terrain]).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
