// Tests per-mode routes on grids whose distances are known by hand, on a non-square grid, and under closures.
// Every freight cost and emission in the model scales with these km, so they are checked exactly.
import { describe, expect, it } from 'vitest';
import { GridSpec, RegionSpec, type ScenarioInput } from '../../../engine/model/schema.js';
import { gridFromFileData } from '../../../engine/state/grid-file.js';
import { createGrid, type Grid } from '../../../engine/state/grid.js';
import {
  computeRoutes, routeIndex, MODE_AIR, MODE_COUNT, MODE_NAMES, MODE_RAIL, MODE_ROAD, MODE_SEA, type RouteTable,
} from '../../../engine/transport/routes.js';

type RegionInput = ScenarioInput['regions'][number];
const regionsOf = (list: Partial<RegionInput>[]) => list.map((r, i) => RegionSpec.parse({ name: `r${i}`, populationShare: 1, ...r }));
const SQRT2 = Math.SQRT2;

function drawn(rows: string[], legend: Record<string, string>, regions: Partial<RegionInput>[], extra: object = {}): Grid {
  return gridFromFileData({ width: rows[0]!.length, height: rows.length, cellKm: 10, legend, rows, ...extra }, 'test.json', regionsOf(regions));
}
const open = (g: Grid) => new Uint8Array(g.width * g.height);
const at = (t: RouteTable, o: number, d: number, m: number) => t.km[routeIndex(t.regionCount, o, d, m)]!;
const access = (t: RouteTable, o: number, d: number, m: number) => t.accessKm[routeIndex(t.regionCount, o, d, m)]!;
const closeCell = (g: Grid, closed: Uint8Array, x: number, y: number) => (closed[y * g.width + x] = 1);

describe('routes: exact distances', () => {
  it('measures a straight road and rail line in cells x cellKm', () => {
    const g = drawn(['aaaaabbbbb', 'aaaaabbbbb', 'aaaaabbbbb'], { a: 'r0', b: 'r1' }, [{}, {}]);
    const t = computeRoutes(g, open(g));
    expect(MODE_NAMES[MODE_ROAD]).toBe('road');
    expect(t.km.length).toBe(2 * 2 * MODE_COUNT);
    expect(at(t, 0, 1, MODE_ROAD)).toBeCloseTo(50, 9); // centres [2, 1] and [7, 1]
    expect(at(t, 1, 0, MODE_ROAD)).toBeCloseTo(50, 9);
    expect(at(t, 0, 1, MODE_RAIL)).toBeCloseTo(50, 9);
    expect(access(t, 0, 1, MODE_ROAD)).toBe(0);
    expect(at(t, 0, 1, MODE_SEA)).toBe(Infinity);
    expect(at(t, 0, 1, MODE_AIR)).toBe(Infinity);
  });

  it('measures diagonals as sqrt(2) cells and mixed moves as the octile distance', () => {
    const rows = ['aaaaaa', 'aaaaaa', 'aaaaaa', 'bbbbbb', 'bbbbbb', 'bbbbbb'];
    const g = drawn(rows, { a: 'r0', b: 'r1' }, [{ centre: [0, 0] }, { centre: [5, 5] }]);
    const t = computeRoutes(g, open(g));
    expect(at(t, 0, 1, MODE_ROAD)).toBeCloseTo(50 * SQRT2, 9);
    expect(at(t, 0, 1, MODE_RAIL)).toBeCloseTo(50 * SQRT2, 9);
    const g2 = drawn(rows, { a: 'r0', b: 'r1' }, [{ centre: [0, 0] }, { centre: [5, 3] }]);
    expect(at(computeRoutes(g2, open(g2)), 0, 1, MODE_ROAD)).toBeCloseTo(10 * (2 + 3 * SQRT2), 9);
  });

  it('uses the local delivery distance for trips inside a region', () => {
    const g = drawn(['aaaaabbbbb', 'aaaaabbbbb', 'aaaaabbbbb'], { a: 'r0', b: 'r1' }, [{}, {}]);
    const t = computeRoutes(g, open(g));
    for (let r = 0; r < 2; r++) {
      expect(t.localKm[r]).toBeGreaterThanOrEqual(10);
      expect(t.localKm[r]).toBeLessThan(50);
      expect(at(t, r, r, MODE_ROAD)).toBe(t.localKm[r]);
      for (const m of [MODE_RAIL, MODE_SEA, MODE_AIR]) expect(at(t, r, r, m)).toBe(Infinity);
    }
    const single = drawn(['a'], { a: 'r0' }, [{}]);
    expect(computeRoutes(single, open(single)).localKm[0]).toBe(10);
  });

  it('matches the octile distance between every pair on an all-land 97 x 31 grid', () => {
    const centres: [number, number][] = [[3, 27], [90, 2], [50, 15], [20, 4], [75, 29]];
    const regions = regionsOf(centres.map((centre) => ({ centre, radiusCells: 200 })));
    const g = createGrid(GridSpec.parse({ width: 97, height: 31, cellKm: 7, coastNoiseCells: 0 }), regions, 1);
    const t = computeRoutes(g, open(g));
    centres.forEach(([ox, oy], o) =>
      centres.forEach(([dx, dy], d) => {
        if (o === d) return;
        const a = Math.abs(ox - dx), b = Math.abs(oy - dy);
        const octile = Math.max(a, b) - Math.min(a, b) + SQRT2 * Math.min(a, b);
        expect(at(t, o, d, MODE_ROAD), `${o}->${d}`).toBeCloseTo(7 * octile, 9);
        expect(at(t, o, d, MODE_RAIL)).toBeGreaterThanOrEqual(at(t, o, d, MODE_ROAD) - 1e-9);
      }),
    );
  });
});

describe('routes: sea, air and islands', () => {
  // Island one holds a (top) and c (bottom); island two holds b. Centres: a [1, 1], c [1, 4], b [10, 2].
  const rows = ['aaa.........', 'aaa......bbb', 'aaa......bbb', 'ccc......bbb', 'ccc.........', 'ccc.........'];
  const legend = { a: 'r0', b: 'r1', c: 'r2' };
  const regions = [{ airport: true }, { airport: true }, {}];
  const g = drawn(rows, legend, regions, { ports: [[2, 1], [9, 2], [2, 4]] });

  it('ships from the nearest port pair, with road drayage at both ends', () => {
    const t = computeRoutes(g, open(g));
    expect(at(t, 0, 1, MODE_SEA)).toBeCloseTo(10 * (6 + SQRT2), 9);
    expect(access(t, 0, 1, MODE_SEA)).toBeCloseTo(20, 9);
    expect(at(t, 1, 0, MODE_SEA)).toBeCloseTo(10 * (6 + SQRT2), 9);
    expect(at(t, 0, 2, MODE_SEA)).toBeCloseTo(10 * (1 + 2 * SQRT2), 9); // along the coast: [2, 1] -> [3, 2] -> [3, 3] -> [2, 4]
  });

  it('reaches an island only by sea or air: no road, no rail', () => {
    const t = computeRoutes(g, open(g));
    for (const [o, d] of [[0, 1], [1, 0], [2, 1], [1, 2]] as const) {
      expect(at(t, o, d, MODE_ROAD)).toBe(Infinity);
      expect(at(t, o, d, MODE_RAIL)).toBe(Infinity);
      expect(at(t, o, d, MODE_SEA)).toBeLessThan(Infinity);
      expect(at(t, o, d, MODE_AIR)).toBeLessThan(Infinity);
    }
    expect(at(t, 0, 2, MODE_ROAD)).toBeCloseTo(30, 9);
    expect(at(t, 0, 2, MODE_RAIL)).toBeCloseTo(30, 9);
  });

  it('flies between airports in a straight line, regions without one driving to the nearest', () => {
    const t = computeRoutes(g, open(g));
    expect(at(t, 0, 1, MODE_AIR)).toBeCloseTo(10 * Math.hypot(9, 1), 9);
    expect(access(t, 0, 1, MODE_AIR)).toBe(0);
    expect(at(t, 2, 1, MODE_AIR)).toBeCloseTo(10 * Math.hypot(9, 1), 9);
    expect(access(t, 2, 1, MODE_AIR)).toBeCloseTo(30, 9);
    expect(at(t, 0, 2, MODE_AIR)).toBe(Infinity); // same airport
    const closed = open(g);
    closeCell(g, closed, 10, 2);
    expect(at(computeRoutes(g, closed), 0, 1, MODE_AIR)).toBe(Infinity);
  });

  it('reroutes through another port when a port is closed, and gives up when the only port is', () => {
    const closed = open(g);
    closeCell(g, closed, 2, 1);
    const t = computeRoutes(g, closed);
    expect(at(t, 0, 1, MODE_SEA)).toBeCloseTo(10 * (5 + 2 * SQRT2), 9);
    expect(at(t, 0, 1, MODE_SEA)).toBeGreaterThan(10 * (6 + SQRT2));
    expect(access(t, 0, 1, MODE_SEA)).toBeCloseTo(10 * (3 + SQRT2), 9);
    closeCell(g, closed, 9, 2);
    const none = computeRoutes(g, closed);
    expect(at(none, 0, 1, MODE_SEA)).toBe(Infinity);
    expect(at(none, 2, 1, MODE_SEA)).toBe(Infinity);
  });

  it('blocks ships at closed water cells', () => {
    const closed = open(g);
    for (let y = 0; y < 6; y++) closeCell(g, closed, 6, y);
    expect(at(computeRoutes(g, closed), 0, 1, MODE_SEA)).toBe(Infinity);
    expect(at(computeRoutes(g, closed), 0, 2, MODE_SEA)).toBeCloseTo(10 * (1 + 2 * SQRT2), 9);
  });
});

describe('routes: closures on land', () => {
  // A wall at x = 5 with a gap at the bottom row.
  const rows = ['aaaaabbbbb', 'aaaaabbbbb', 'aaaaabbbbb', 'aaaaabbbbb', 'aaaaabbbbb'];
  const g = drawn(rows, { a: 'r0', b: 'r1' }, [{ centre: [2, 0] }, { centre: [7, 0] }]);

  it('detours around closed cells and is Infinity when they cut the land', () => {
    const closed = open(g);
    for (let y = 0; y < 4; y++) closeCell(g, closed, 5, y);
    const t = computeRoutes(g, closed);
    // Through the gap: [2, 0] -> [5, 4] is 1 + 3 sqrt(2) cells, [5, 4] -> [7, 0] is 2 + 2 sqrt(2).
    expect(at(t, 0, 1, MODE_ROAD)).toBeCloseTo(10 * (1 + 3 * SQRT2 + 2 * SQRT2 + 2), 9);
    expect(at(t, 0, 1, MODE_RAIL)).toBe(Infinity);
    closeCell(g, closed, 5, 4);
    expect(at(computeRoutes(g, closed), 0, 1, MODE_ROAD)).toBe(Infinity);
  });

  it('starts from the nearest open cell when a centre is closed', () => {
    const closed = open(g);
    closeCell(g, closed, 2, 0);
    const t = computeRoutes(g, closed);
    // Trips start at [1, 0] (the lowest-index of the nearest open cells) and pass the closed centre diagonally.
    expect(at(t, 0, 1, MODE_ROAD)).toBeCloseTo(10 * (4 + 2 * SQRT2), 9);
    expect(at(t, 0, 0, MODE_ROAD)).toBe(t.localKm[0]);
  });
});

describe('routes: scale', () => {
  it('handles a 256 x 192 grid with 32 regions and gives symmetric road km', () => {
    const regions = regionsOf(Array.from({ length: 32 }, (_, i) => ({ radiusCells: 14, port: i % 3 === 0, airport: i % 4 === 0 })));
    let g: Grid | undefined;
    for (let seed = 1; !g; seed++) {
      try {
        g = createGrid(GridSpec.parse({ width: 256, height: 192 }), regions, seed);
      } catch {
        // a seed that leaves a port region without coast: try the next one
      }
    }
    const t = computeRoutes(g, open(g));
    let finiteRoad = 0;
    for (let o = 0; o < 32; o++) {
      for (let d = 0; d < 32; d++) {
        expect(at(t, o, d, MODE_ROAD)).toBeCloseTo(at(t, d, o, MODE_ROAD), 6);
        if (o !== d && at(t, o, d, MODE_ROAD) < Infinity) finiteRoad++;
      }
    }
    expect(finiteRoad).toBeGreaterThan(0);
  });
});
