import { describe, expect, it } from 'vitest';
import { canonicalJson, GLOCAL_VERSION, loadScenario, runIdOf } from '../../engine/index.js';
import { deriveSeed, planFingerprint, runIdFor } from '../../sweeps/run-id.js';

describe('run ids', () => {
  it('match the engine run id, so a run folder is named by the run_id in its tables', () => {
    const { scenario } = loadScenario('tiny', { sets: { ticks: 3 } });
    expect(runIdFor(GLOCAL_VERSION, canonicalJson(scenario), 42)).toBe(runIdOf(scenario, 42));
  });

  it('change with the version, the scenario and the seed', () => {
    const json = canonicalJson({ a: 1 });
    const base = runIdFor('1.0.0', json, 1);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(runIdFor('1.0.1', json, 1)).not.toBe(base);
    expect(runIdFor('1.0.0', canonicalJson({ a: 2 }), 1)).not.toBe(base);
    expect(runIdFor('1.0.0', json, 2)).not.toBe(base);
  });

  it('do not depend on key order in the scenario', () => {
    expect(runIdFor('v', canonicalJson({ a: 1, b: { c: 2, d: 3 } }), 1)).toBe(runIdFor('v', canonicalJson({ b: { d: 3, c: 2 }, a: 1 }), 1));
  });
});

describe('derived seeds', () => {
  it('are a pure function of the sweep seed and the key', () => {
    expect(deriveSeed(7, 'replicate', 3)).toBe(deriveSeed(7, 'replicate', 3));
    expect(deriveSeed(7, 'replicate', 3)).not.toBe(deriveSeed(8, 'replicate', 3));
    expect(deriveSeed(7, 'replicate', 3)).not.toBe(deriveSeed(7, 'replicate', 4));
    expect(deriveSeed(7, 'design')).not.toBe(deriveSeed(7, 'replicate', 0));
  });

  it('fit a non-negative int32 and rarely collide', () => {
    const seeds = Array.from({ length: 2000 }, (_, i) => deriveSeed(1, 'replicate', i));
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('give plan fingerprints that follow the run ids and their order', () => {
    expect(planFingerprint(['a', 'b'])).toBe(planFingerprint(['a', 'b']));
    expect(planFingerprint(['a', 'b'])).not.toBe(planFingerprint(['b', 'a']));
  });
});
