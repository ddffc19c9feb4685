// Tests for analysis/sensitivity.ts against known answers: Ishigami Sobol indices through saltelliDesign, and
// Morris on a function whose ranking and linear terms are known. Also input checks and seeded bootstraps.
import { describe, expect, it } from 'vitest';
import { morrisEffects, sobolIndices } from '../../analysis/sensitivity.js';
import { morrisDesign, saltelliDesign, type DesignPoint, type ParamRange } from '../../sweeps/designs.js';

const A = 7;
const B = 0.1;
const PI4 = Math.PI ** 4;
const PI8 = Math.PI ** 8;
const V = (A * A) / 8 + (B * PI4) / 5 + (B * B * PI8) / 18 + 0.5;
const V1 = 0.5 * (1 + (B * PI4) / 5) ** 2;
const V2 = (A * A) / 8;
const V13 = (8 * B * B * PI8) / 225;
const EXPECTED_S1 = [V1 / V, V2 / V, 0];
const EXPECTED_ST = [(V1 + V13) / V, V2 / V, V13 / V];

const ISHIGAMI_PARAMS: ParamRange[] = ['x1', 'x2', 'x3'].map((name) => ({ name, kind: 'range', min: -Math.PI, max: Math.PI }));

function evaluate(points: DesignPoint[], f: (v: Record<string, number>) => number): Float64Array {
  const y = new Float64Array(points.length);
  points.forEach((p, i) => (y[i] = f(p.values as Record<string, number>)));
  return y;
}

const ishigami = (v: Record<string, number>) => Math.sin(v.x1) + A * Math.sin(v.x2) ** 2 + B * v.x3 ** 4 * Math.sin(v.x1);

describe('sobolIndices on Ishigami (a = 7, b = 0.1) via saltelliDesign', () => {
  const N = 4096;
  const points = saltelliDesign(ISHIGAMI_PARAMS, N, 2024);
  const y = evaluate(points, ishigami);
  const indices = sobolIndices(y, N, ['x1', 'x2', 'x3'], { seed: 1, resamples: 300 });

  it('matches the analytic values (0.3139, 0.4424, 0) and (0.5576, 0.4424, 0.2437)', () => {
    expect(EXPECTED_S1[0]).toBeCloseTo(0.3139, 4);
    expect(EXPECTED_ST[2]).toBeCloseTo(0.2437, 4);
    indices.forEach((index, i) => {
      expect(index.name).toBe(`x${i + 1}`);
      expect(Math.abs(index.S1 - EXPECTED_S1[i])).toBeLessThan(0.05);
      expect(Math.abs(index.ST - EXPECTED_ST[i])).toBeLessThan(0.05);
    });
  });

  it('gives bootstrap intervals around the estimate that mostly contain the analytic value', () => {
    let contained = 0;
    indices.forEach((index, i) => {
      expect(index.S1lo).toBeLessThanOrEqual(index.S1);
      expect(index.S1hi).toBeGreaterThanOrEqual(index.S1);
      expect(index.STlo).toBeLessThanOrEqual(index.ST);
      expect(index.SThi).toBeGreaterThanOrEqual(index.ST);
      expect(index.S1hi - index.S1lo).toBeLessThan(0.15);
      if (index.S1lo <= EXPECTED_S1[i] && EXPECTED_S1[i] <= index.S1hi) contained++;
      if (index.STlo <= EXPECTED_ST[i] && EXPECTED_ST[i] <= index.SThi) contained++;
    });
    expect(contained).toBeGreaterThanOrEqual(5);
  });

  it('is reproducible for a seed and varies its intervals across seeds', () => {
    const again = sobolIndices(y, N, ['x1', 'x2', 'x3'], { seed: 1, resamples: 300 });
    expect(again).toEqual(indices);
    const other = sobolIndices(y, N, ['x1', 'x2', 'x3'], { seed: 2, resamples: 300 });
    expect(other[0].S1).toBe(indices[0].S1);
    expect(other[0].S1lo).not.toBe(indices[0].S1lo);
  });

  it('is unchanged by a large output offset', () => {
    const shifted = y.map((v) => v + 1e6);
    const s = sobolIndices(shifted, N, ['x1', 'x2', 'x3'], { resamples: 10 });
    s.forEach((index, i) => expect(Math.abs(index.S1 - EXPECTED_S1[i])).toBeLessThan(0.05));
  });
});

describe('sobolIndices on an additive function', () => {
  it('gives S1 = ST = share of variance with no interactions', () => {
    const params: ParamRange[] = ['a', 'b'].map((name) => ({ name, kind: 'range', min: 0, max: 1 }));
    const N = 2048;
    const y = evaluate(saltelliDesign(params, N, 5), (v) => 2 * v.a + v.b);
    const [a, b] = sobolIndices(y, N, ['a', 'b'], { resamples: 50 });
    expect(a.S1).toBeCloseTo(0.8, 1);
    expect(a.ST).toBeCloseTo(0.8, 1);
    expect(b.S1).toBeCloseTo(0.2, 1);
    expect(b.ST).toBeCloseTo(0.2, 1);
  });
});

describe('sobolIndices input checks', () => {
  it('rejects outputs that do not match the (k + 2) N layout', () => {
    expect(() => sobolIndices(new Float64Array(10), 2, ['a', 'b'])).toThrow(/expected \(k \+ 2\) N = 8/);
    expect(() => sobolIndices(new Float64Array(3), 1, ['a'])).toThrow(/N must/);
  });
});

describe('morrisEffects', () => {
  const params: ParamRange[] = ['x1', 'x2', 'x3'].map((name) => ({ name, kind: 'range', min: 0, max: 1 }));
  const design = morrisDesign(params, 20, 4, 8);
  const y = evaluate(design.points, (v) => 10 * v.x1 + 3 * v.x2 + 0.1 * v.x3 + v.x1 * v.x2);
  const effects = morrisEffects(design, y);

  it('ranks parameters by muStar as the coefficients do', () => {
    const [x1, x2, x3] = effects;
    expect(effects.map((e) => e.name)).toEqual(['x1', 'x2', 'x3']);
    expect(x1.muStar).toBeGreaterThan(x2.muStar);
    expect(x2.muStar).toBeGreaterThan(x3.muStar);
    // Elementary effect of x1 is 10 + x2 with x2 in [0, 1]; of x2 is 3 + x1.
    expect(x1.muStar).toBeGreaterThanOrEqual(10);
    expect(x1.muStar).toBeLessThanOrEqual(11);
    expect(x2.muStar).toBeGreaterThanOrEqual(3);
    expect(x2.muStar).toBeLessThanOrEqual(4);
  });

  it('gives sigma ~ 0 for the purely linear term and > 0 for interacting ones', () => {
    const [x1, x2, x3] = effects;
    expect(x3.muStar).toBeCloseTo(0.1, 10);
    expect(x3.mu).toBeCloseTo(0.1, 10);
    expect(x3.sigma).toBeLessThan(1e-10);
    expect(x1.sigma).toBeGreaterThan(0.05);
    expect(x2.sigma).toBeGreaterThan(0.05);
  });

  it('measures effects per full range, so a wider range scales them', () => {
    const wide: ParamRange[] = [{ name: 'x', kind: 'range', min: 0, max: 5 }];
    const d = morrisDesign(wide, 5, 4, 1);
    const [e] = morrisEffects(d, evaluate(d.points, (v) => 2 * v.x));
    expect(e.mu).toBeCloseTo(10, 10);
  });

  it('separates mu from muStar when effects change sign', () => {
    const one: ParamRange[] = [{ name: 'x', kind: 'range', min: -1, max: 1 }];
    const d = morrisDesign(one, 30, 4, 3);
    const [e] = morrisEffects(d, evaluate(d.points, (v) => v.x * v.x));
    expect(e.muStar).toBeGreaterThan(0.5);
    expect(Math.abs(e.mu)).toBeLessThan(e.muStar);
  });

  it('rejects outputs of the wrong length', () => {
    expect(() => morrisEffects(design, new Float64Array(5))).toThrow(/r \(k \+ 1\)/);
  });
});
