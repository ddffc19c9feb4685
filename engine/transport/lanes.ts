// Lanes: for each (origin, destination) region pair, this tick's cheapest freight mode and its price per tonne,
// from route distances, freight rates, shocks and the carbon tax passed through by carriers.
import type { World, Lanes } from '../state/world.js';
import { MODES } from '../model/schema.js';
import type { Fleet } from './fleet.js';

export function createLanes(R: number): Lanes {
  const n = R * R;
  return {
    mode: new Int8Array(n),
    km: new Float64Array(n),
    accessKm: new Float64Array(n),
    transitTicks: new Int32Array(n),
    costCentsPerTonne: new Float64Array(n),
    roadKm: new Float64Array(n),
  };
}

export function updateLanes(w: World, fleet: Fleet): void {
  const { R, routes, lanes, policy: p } = w;
  const t = w.scenario.transport;
  const fuelFactor = 1 + t.fuelShareOfRate * (p.fuelShock[0]! - 1);
  const roadRate = t.modes.road.rateCentsPerTkm;
  for (let o = 0; o < R; o++) {
    for (let d = 0; d < R; d++) {
      const lane = o * R + d;
      const mult = p.freightMultiplier[d]! * fuelFactor;
      let best = -1;
      let bestCost = Infinity;
      for (let m = 0; m < 4; m++) {
        const spec = t.modes[MODES[m]!];
        if (!spec.enabled || !fleetServes(fleet, R, o, m)) continue;
        const idx = lane * 4 + m;
        const km = o === d ? (m === 0 ? routes.localKm[o]! : Infinity) : routes.km[idx]!;
        if (!Number.isFinite(km)) continue;
        const accessKm = o === d ? 0 : routes.accessKm[idx]!;
        const kgPerTonne = fleet.modeKgPerTkm[m]! * km + fleet.drayageKgPerTkm * accessKm;
        const cost =
          (spec.rateCentsPerTkm * km * p.modeFreightShock[m]! + roadRate * accessKm * p.modeFreightShock[0]!) * mult +
          spec.handlingCentsPerTonne +
          p.carbonTaxCentsPerKg[o]! * kgPerTonne;
        if (cost < bestCost) [best, bestCost] = [m, cost];
      }
      lanes.mode[lane] = best;
      lanes.costCentsPerTonne[lane] = bestCost;
      const idx = lane * 4 + Math.max(0, best);
      lanes.km[lane] = best < 0 ? Infinity : o === d ? routes.localKm[o]! : routes.km[idx]!;
      lanes.accessKm[lane] = best < 0 || o === d ? 0 : routes.accessKm[idx]!;
      lanes.transitTicks[lane] = best < 0 ? 1 : Math.max(1, Math.ceil((lanes.km[lane]! + lanes.accessKm[lane]!) / fleet.modeSpeedKmPerTick[best]!));
      lanes.roadKm[lane] = o === d ? 0 : routes.km[lane * 4]!;
    }
  }
}

/** A mode is usable from o only if some carrier can take it: road and rail load at the origin, ships and planes anywhere. */
function fleetServes(fleet: Fleet, R: number, o: number, m: number): boolean {
  const pool = m <= 1 ? o * 4 + m : R * 4 + m;
  return fleet.poolStart[pool + 1]! > fleet.poolStart[pool]!;
}
