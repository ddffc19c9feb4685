// Tests for analysis/resilience.ts on constructed series whose trough, recovery tick and loss area are known by hand.
// Covers array and constant references, holdTicks, never-recovering series and input errors.
import { describe, expect, it } from 'vitest';
import { amplificationRatio, resilience } from '../../analysis/resilience.js';

// Reference level 100; shock at tick 2; V down to 60 at tick 4, back to 100 at tick 8.
const V_SHAPE = [100, 100, 80, 70, 60, 70, 80, 90, 100, 100];

describe('resilience', () => {
  it('finds trough, recovery and triangle area of a V against a constant reference', () => {
    const m = resilience(V_SHAPE, 100, 2);
    expect(m.troughDepth).toBeCloseTo(0.4, 12);
    expect(m.troughTick).toBe(4);
    // 0.95 is first reached at tick 8 (ratio 0.9 at tick 7): 8 - 2 = 6 ticks.
    expect(m.recoveryTicks).toBe(6);
    expect(m.cumulativeLoss).toBe(20 + 30 + 40 + 30 + 20 + 10);
  });

  it('gives the same answer with an equal counterfactual series', () => {
    const ref = new Float64Array(V_SHAPE.length).fill(100);
    expect(resilience(V_SHAPE, ref, 2)).toEqual(resilience(V_SHAPE, 100, 2));
  });

  it('measures against a growing counterfactual tick by tick', () => {
    const ref = [100, 110, 120, 130, 140];
    const q = [100, 110, 60, 117, 140];
    const m = resilience(q, ref, 2);
    expect(m.troughDepth).toBeCloseTo(0.5, 12);
    expect(m.troughTick).toBe(2);
    // 117/130 = 0.9 < 0.95, 140/140 = 1 at tick 4.
    expect(m.recoveryTicks).toBe(2);
    expect(m.cumulativeLoss).toBe(60 + 13);
  });

  it('uses the tolerance to decide recovery', () => {
    expect(resilience(V_SHAPE, 100, 2, { tolerance: 0.9 }).recoveryTicks).toBe(5);
    expect(resilience(V_SHAPE, 100, 2, { tolerance: 0.7 }).recoveryTicks).toBe(3);
  });

  it('requires holdTicks consecutive recovered ticks', () => {
    const q = [100, 50, 96, 80, 96, 97, 98];
    expect(resilience(q, 100, 1).recoveryTicks).toBe(1);
    expect(resilience(q, 100, 1, { holdTicks: 2 }).recoveryTicks).toBe(3);
    expect(resilience(q, 100, 1, { holdTicks: 3 }).recoveryTicks).toBe(3);
    // Only three recovered ticks remain at the end, so four cannot be confirmed.
    expect(resilience(q, 100, 1, { holdTicks: 4 }).recoveryTicks).toBeNull();
  });

  it('ignores a return above tolerance before the trough', () => {
    const q = [100, 90, 99, 50, 90, 100];
    const m = resilience(q, 100, 1);
    expect(m.troughTick).toBe(3);
    expect(m.recoveryTicks).toBe(4);
  });

  it('returns null recovery for a series that never recovers', () => {
    const m = resilience([100, 80, 70, 72, 75, 78], 100, 1);
    expect(m.recoveryTicks).toBeNull();
    expect(m.troughDepth).toBeCloseTo(0.3, 12);
    expect(m.cumulativeLoss).toBe(20 + 30 + 28 + 25 + 22);
  });

  it('gives zero depth, loss and recovery time when there is no shortfall', () => {
    const m = resilience([100, 101, 102], 100, 0);
    expect(m).toEqual({ troughDepth: 0, troughTick: 0, recoveryTicks: 0, cumulativeLoss: 0 });
  });

  it('a dip that stays within tolerance needs no recovery time', () => {
    const m = resilience([100, 97, 98, 100], 100, 1);
    expect(m.troughDepth).toBeCloseTo(0.03, 12);
    expect(m.recoveryTicks).toBe(0);
    expect(m.cumulativeLoss).toBe(5);
  });

  it('does not count losses before the shock', () => {
    expect(resilience([50, 100, 90], 100, 1).cumulativeLoss).toBe(10);
  });

  it('rejects mismatched lengths, a shock outside the series and a bad holdTicks', () => {
    expect(() => resilience([1, 2, 3], [1, 2], 0)).toThrow(/reference has 2 ticks/);
    expect(() => resilience([1, 2, 3], 1, 3)).toThrow(/shockStart/);
    expect(() => resilience([1, 2, 3], 1, 0, { holdTicks: 0 })).toThrow(/holdTicks/);
  });
});

describe('amplificationRatio', () => {
  it('is total over direct loss', () => {
    expect(amplificationRatio(150, 100)).toBe(1.5);
  });
  it('is NaN without direct losses', () => {
    expect(amplificationRatio(10, 0)).toBeNaN();
  });
});
