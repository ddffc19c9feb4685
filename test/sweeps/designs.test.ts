// Tests for sweeps/designs.ts: point counts, unit-to-value mapping, LHS strata, seeding, Saltelli and Morris layout.
// The Saltelli-to-sobolIndices round trip on Ishigami lives in test/analysis/sensitivity.test.ts.
import { describe, expect, it } from 'vitest';
import {
  gridDesign,
  lhsDesign,
  morrisDesign,
  randomDesign,
  saltelliDesign,
  unitToValue,
  type ParamRange,
} from '../../sweeps/designs.js';

const PARAMS: ParamRange[] = [
  { name: 'tariffShare', kind: 'range', min: 0, max: 0.5 },
  { name: 'firmsPerRegion', kind: 'range', min: 2, max: 9, integer: true },
  { name: 'fuelPriceFactor', kind: 'range', min: 0.1, max: 10, log: true },
  { name: 'policy', kind: 'levels', levels: ['none', 'carbonTax', 'localContent'] },
];

describe('unitToValue', () => {
  it('maps ranges linearly, in log space, and integers to equal strata', () => {
    expect(unitToValue(PARAMS[0], 0.5)).toBe(0.25);
    expect(unitToValue(PARAMS[2], 0.5)).toBeCloseTo(1, 12);
    expect(unitToValue(PARAMS[1], 0)).toBe(2);
    expect(unitToValue(PARAMS[1], 0.999)).toBe(9);
    expect(unitToValue(PARAMS[1], 1)).toBe(9);
    expect(unitToValue(PARAMS[1], 1 / 8)).toBe(3);
  });
  it('picks levels by index', () => {
    expect([0, 0.34, 0.67, 1].map((u) => unitToValue(PARAMS[3], u))).toEqual(['none', 'carbonTax', 'localContent', 'localContent']);
  });
  it('spreads integers evenly', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 800; i++) {
      const v = unitToValue(PARAMS[1], (i + 0.5) / 800) as number;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual(Array(8).fill(100));
  });
});

describe('gridDesign', () => {
  it('has the product of level counts, last parameter fastest', () => {
    const points = gridDesign([
      { name: 'a', kind: 'levels', levels: [true, false] },
      { name: 'b', kind: 'range', min: 0, max: 1, steps: 3 },
      { name: 'c', kind: 'range', min: 1, max: 100, log: true, steps: 3 },
    ]);
    expect(points).toHaveLength(2 * 3 * 3);
    expect(points[0].values).toEqual({ a: true, b: 0, c: 1 });
    expect(points[1].values.c).toBeCloseTo(10, 12);
    expect(points[3].values).toEqual({ a: true, b: 0.5, c: 1 });
    expect(points[17].values).toEqual({ a: false, b: 1, c: 100 });
    expect(points.map((p) => p.index)).toEqual([...Array(18).keys()]);
  });
  it('drops duplicate integers from a range with more steps than integers', () => {
    expect(gridDesign([{ name: 'n', kind: 'range', min: 1, max: 3, integer: true, steps: 5 }]).map((p) => p.values.n)).toEqual([1, 2, 3]);
  });
  it('takes a one-value range without steps', () => {
    expect(gridDesign([{ name: 'x', kind: 'range', min: 2, max: 2 }]).map((p) => p.values.x)).toEqual([2]);
  });
  it('asks for steps on a range', () => {
    expect(() => gridDesign([PARAMS[0]])).toThrow(/steps/);
  });
});

describe('parameter checks', () => {
  it('names the parameter at fault', () => {
    expect(() => randomDesign([{ name: 'x', kind: 'range', min: 0, max: 1, log: true }], 4, 1)).toThrow(/"x".*min > 0/);
    expect(() => randomDesign([{ name: 'x', kind: 'range', min: 3, max: 1 }], 4, 1)).toThrow(/"x"/);
    expect(() => randomDesign([{ name: 'x', kind: 'levels', levels: [] }], 4, 1)).toThrow(/"x"/);
    expect(() => randomDesign([PARAMS[0], PARAMS[0]], 4, 1)).toThrow(/twice/);
    expect(() => randomDesign(PARAMS, 0, 1)).toThrow(/n must/);
  });
});

describe('randomDesign and lhsDesign', () => {
  it('are identical for a seed and differ across seeds', () => {
    for (const design of [randomDesign, lhsDesign]) {
      expect(design(PARAMS, 20, 5)).toEqual(design(PARAMS, 20, 5));
      expect(design(PARAMS, 20, 5)).not.toEqual(design(PARAMS, 20, 6));
    }
  });
  it('stay inside the ranges', () => {
    for (const p of randomDesign(PARAMS, 200, 1)) {
      const v = p.values;
      expect(v.tariffShare as number).toBeGreaterThanOrEqual(0);
      expect(v.tariffShare as number).toBeLessThanOrEqual(0.5);
      expect(Number.isInteger(v.firmsPerRegion)).toBe(true);
      expect(v.fuelPriceFactor as number).toBeGreaterThanOrEqual(0.1);
      expect(['none', 'carbonTax', 'localContent']).toContain(v.policy);
    }
  });
  it('LHS hits each of n strata exactly once per parameter', () => {
    const n = 50;
    const points = lhsDesign(
      [
        { name: 'x', kind: 'range', min: -5, max: 5 },
        { name: 'y', kind: 'range', min: 1, max: 1000, log: true },
      ],
      n,
      9,
    );
    const xStrata = points.map((p) => Math.floor((((p.values.x as number) + 5) / 10) * n)).sort((a, b) => a - b);
    const yStrata = points.map((p) => Math.floor((Math.log10(p.values.y as number) / 3) * n)).sort((a, b) => a - b);
    expect(xStrata).toEqual([...Array(n).keys()]);
    expect(yStrata).toEqual([...Array(n).keys()]);
  });
  it('LHS over a levels parameter gives each level an equal share', () => {
    const points = lhsDesign([PARAMS[3]], 30, 2);
    const share = (level: string) => points.filter((p) => p.values.policy === level).length;
    expect([share('none'), share('carbonTax'), share('localContent')]).toEqual([10, 10, 10]);
  });
});

describe('saltelliDesign', () => {
  const N = 16;
  const points = saltelliDesign(PARAMS, N, 3);
  const k = PARAMS.length;
  it('has (k + 2) N points in blocks A, B, AB1..ABk', () => {
    expect(points).toHaveLength((k + 2) * N);
    const blocks = [...new Set(points.map((p) => p.block))];
    expect(blocks).toEqual(['A', 'B', 'AB1', 'AB2', 'AB3', 'AB4']);
    expect(points.map((p) => p.index)).toEqual([...Array((k + 2) * N).keys()]);
  });
  it('AB_i is A with parameter i from B', () => {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < N; j++) {
        const a = points[j].values;
        const b = points[N + j].values;
        const ab = points[(2 + i) * N + j].values;
        PARAMS.forEach((p, m) => expect(ab[p.name]).toEqual(m === i ? b[p.name] : a[p.name]));
      }
    }
  });
  it('is seeded', () => {
    expect(saltelliDesign(PARAMS, N, 3)).toEqual(points);
    expect(saltelliDesign(PARAMS, N, 4)).not.toEqual(points);
  });
  it('falls back to uniform draws past 16 parameters and keeps the layout', () => {
    const many: ParamRange[] = Array.from({ length: 17 }, (_, i) => ({ name: `p${i}`, kind: 'range', min: 0, max: 1 }));
    const wide = saltelliDesign(many, 4, 1);
    expect(wide).toHaveLength(19 * 4);
    expect(wide[2 * 4 + 16 * 4].values.p16).toBe(wide[4].values.p16);
  });
});

describe('morrisDesign', () => {
  const params: ParamRange[] = [
    { name: 'a', kind: 'range', min: 0, max: 1 },
    { name: 'b', kind: 'range', min: 10, max: 20 },
    { name: 'c', kind: 'range', min: -1, max: 1 },
  ];
  const design = morrisDesign(params, 6, 4, 21);
  const k = 3;
  it('has r trajectories of k + 1 points and r k steps', () => {
    expect(design.points).toHaveLength(6 * (k + 1));
    expect(design.steps).toHaveLength(6 * k);
    expect(design.names).toEqual(['a', 'b', 'c']);
    expect(design.points[k + 1].block).toBe('T1');
  });
  it('changes exactly one parameter per step, by ±delta of its range, each parameter once per trajectory', () => {
    const delta = 4 / (2 * 3);
    for (let t = 0; t < design.r; t++) {
      const moved = new Set<number>();
      for (let s = 0; s < k; s++) {
        const step = design.steps[t * k + s];
        expect(step.trajectory).toBe(t);
        expect(Math.abs(step.delta)).toBeCloseTo(delta, 12);
        const before = design.points[t * (k + 1) + s].values;
        const after = design.points[t * (k + 1) + s + 1].values;
        params.forEach((p, j) => {
          const change = (after[p.name] as number) - (before[p.name] as number);
          if (j === step.param) {
            const width = p.kind === 'range' ? p.max - p.min : 1;
            expect(change).toBeCloseTo(step.delta * width, 10);
          } else {
            expect(change).toBe(0);
          }
        });
        moved.add(step.param);
      }
      expect(moved.size).toBe(k);
    }
  });
  it('stays on the level grid inside the ranges', () => {
    for (const p of design.points) {
      const a = p.values.a as number;
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
      expect(Math.abs(a * 3 - Math.round(a * 3))).toBeLessThan(1e-12);
    }
  });
  it('is seeded', () => {
    expect(morrisDesign(params, 6, 4, 21)).toEqual(design);
    expect(morrisDesign(params, 6, 4, 22)).not.toEqual(design);
  });
});
