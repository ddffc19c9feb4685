import { describe, expect, it } from 'vitest';
import { sweepFromArgs } from '../../cli/sweep.js';

describe('sweep flags', () => {
  it('make a sweep of a scenario with --vary, --seeds, --seed, --design and --ticks', () => {
    const def = sweepFromArgs({
      target: 'tiny',
      vary: ['policy.carbonTaxPerTonne=0:200', 'households.localPreference=0,0.5,1'],
      seeds: 4,
      seed: 11,
      design: 'lhs',
      samples: 20,
      ticks: 5,
      set: ['policy.tariff=0.1'],
    });
    expect(def).toMatchObject({ name: 'tiny', scenario: 'tiny', replicates: 4, seed: 11, ticks: 5, design: { kind: 'lhs', samples: 20 } });
    expect(def.set).toEqual({ 'policy.tariff': 0.1 });
    expect(def.parameters.map((p) => p.path)).toEqual(['policy.carbonTaxPerTonne', 'households.localPreference']);
  });

  it('reject a --vary without a value, and a design flag that does not fit', () => {
    expect(() => sweepFromArgs({ target: 'tiny', vary: ['policy.tariff'] })).toThrow(/--vary expects path=levels/);
    expect(() => sweepFromArgs({ target: 'tiny', vary: ['policy.tariff=0:1'], design: 'grid', samples: 3 })).toThrow(
      /a grid takes no samples/,
    );
  });
});
