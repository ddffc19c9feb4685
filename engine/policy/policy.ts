// Policy instruments per region: each a constant or an expression of t, compiled once and evaluated each tick.
// Region overrides replace the scenario-wide value for that region only.
import type { Scenario, PolicyValues } from '../model/schema.js';
import { compileParam, type CompiledParam } from '../model/expressions.js';
import type { PolicyState } from '../state/world.js';

type ScalarKey = Exclude<keyof PolicyValues, 'tariffFrom'>;
const DEFAULTS: Required<{ [K in ScalarKey]: number }> = {
  tariff: 0,
  carbonTaxPerTonne: 0,
  localContentShare: 0,
  localContentKm: 160,
  localSubsidy: 0,
  unemploymentBenefitCents: 0,
  incomeTaxRate: 0.2,
  localCurrencyShare: 0,
  injectionCentsPerTick: 0,
  freightCostMultiplier: 1,
};
export const POLICY_KEYS = Object.keys(DEFAULTS) as ScalarKey[];

/** Compiled parameters at [key][region]; tariffs at [buyer region * R + origin region]. */
export type CompiledPolicy = Record<ScalarKey, CompiledParam[]> & { tariffFrom: CompiledParam[] };

export function compilePolicy(s: Scenario): CompiledPolicy {
  const out = {} as CompiledPolicy;
  for (const key of POLICY_KEYS) {
    out[key] = s.regions.map((region) => {
      const value = s.policy.regions[region.name]?.[key] ?? s.policy[key] ?? DEFAULTS[key];
      return compileParam(value);
    });
  }
  out.tariffFrom = s.regions.flatMap((buyer) =>
    s.regions.map((origin) => {
      const own = s.policy.regions[buyer.name];
      const value = own?.tariffFrom?.[origin.name] ?? s.policy.tariffFrom?.[origin.name] ?? own?.tariff ?? s.policy.tariff ?? DEFAULTS.tariff;
      return compileParam(buyer === origin ? 0 : value);
    }),
  );
  return out;
}

export function createPolicyState(R: number, S: number): PolicyState {
  return {
    tariff: new Float64Array(R * R),
    carbonTaxCentsPerKg: new Float64Array(R),
    localContentShare: new Float64Array(R),
    localContentKm: new Float64Array(R),
    localSubsidy: new Float64Array(R),
    benefitCents: new Float64Array(R),
    incomeTaxRate: new Float64Array(R),
    localCurrencyShare: new Float64Array(R),
    injectionCents: new Float64Array(R),
    freightMultiplier: new Float64Array(R),
    modeFreightShock: new Float64Array(4).fill(1),
    fuelShock: new Float64Array(1).fill(1),
    demandShock: new Float64Array(R * S).fill(1),
  };
}

/** Evaluates every instrument for tick t (once per tick per region: mathjs cost is negligible here). */
export function evaluatePolicy(p: PolicyState, c: CompiledPolicy, tick: number): void {
  const R = p.localContentKm.length;
  for (let k = 0; k < R * R; k++) p.tariff[k] = clamp01(c.tariffFrom[k]!(tick));
  for (let r = 0; r < R; r++) {
    // Currency units per tonne -> cents per kg: x * 100 cents / 1000 kg.
    p.carbonTaxCentsPerKg[r] = Math.max(0, c.carbonTaxPerTonne[r]!(tick)) / 10;
    p.localContentShare[r] = clamp01(c.localContentShare[r]!(tick));
    p.localContentKm[r] = Math.max(0, c.localContentKm[r]!(tick));
    p.localSubsidy[r] = Math.max(0, c.localSubsidy[r]!(tick));
    p.benefitCents[r] = Math.max(0, Math.round(c.unemploymentBenefitCents[r]!(tick)));
    p.incomeTaxRate[r] = clamp01(c.incomeTaxRate[r]!(tick));
    p.localCurrencyShare[r] = clamp01(c.localCurrencyShare[r]!(tick));
    p.injectionCents[r] = Math.max(0, Math.round(c.injectionCentsPerTick[r]!(tick)));
    p.freightMultiplier[r] = Math.max(0, c.freightCostMultiplier[r]!(tick));
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
