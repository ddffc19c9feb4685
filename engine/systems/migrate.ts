// Migration of mobile households toward a higher real wage (Krugman's core-periphery dynamics).
// Movers quit their job and take a cell in the new region; rows are then regrouped by region (stable order).
import type { World } from '../state/world.js';
import { draw, Purpose } from '../sim/rng.js';
import { HOUSEHOLD_COLUMNS } from '../state/tables.js';
import { RS, REGION_STATS } from '../sim/accumulators.js';

/**
 * Real wage per region as a mobile household sees it: the mean wage of the region's employed mobile households over the
 * CES variety price index (w / P, P = prod_s P_s^mu_s: Krugman's real wage), or with households.migrationExpectsIdle the
 * wage bill over all its mobile households (employed or not). A region with none employed gives 0.
 */
export function realWages(w: World, out: Float64Array): Float64Array {
  const h = w.households;
  const f = w.firms;
  const sum = new Float64Array(w.R);
  const n = new Float64Array(w.R);
  const all = new Float64Array(w.R);
  for (let i = 0; i < h.rows; i++) {
    const e = h.employer[i]!;
    if (h.mobile[i] === 0) continue;
    all[h.region[i]!]++;
    if (e < 0) continue;
    sum[h.region[i]!] += f.wageCents[e]!;
    n[h.region[i]!]++;
  }
  // Harris-Todaro: the wage of the employed times the chance of being employed, i.e. the mean over all mobile households.
  const over = w.scenario.households.migrationExpectsIdle ? all : n;
  for (let r = 0; r < w.R; r++) out[r] = n[r]! > 0 ? sum[r]! / over[r]! / w.regions.varietyPriceIndex[r]! : 0;
  return out;
}

/** The regions table's price index, kept in the tick: this tick's household purchases at current over base prices. */
export function updatePriceIndex(w: World): void {
  for (let r = 0; r < w.R; r++) {
    const a = r * REGION_STATS;
    const base = w.acc.region[a + RS.baseCostCents]!;
    if (base > 0) w.regions.priceIndex[r] = w.acc.region[a + RS.consumptionCents]! / base;
  }
}

/** Each mobile household moves to the best other region with probability rate × relative real-wage gap. */
export function migrate(w: World): number {
  const rate = w.scenario.households.migrationRate;
  if (rate <= 0 || w.scenario.households.mobileShare <= 0) return 0;
  // Migrants compare expected real incomes: this tick's folded into the running average (memory), per region.
  const omega = realWages(w, new Float64Array(w.R));
  const memory = w.scenario.households.migrationMemory;
  const expected = w.regions.expectedRealWage;
  for (let r = 0; r < w.R; r++) {
    expected[r] = expected[r]! > 0 && omega[r]! > 0 ? memory * expected[r]! + (1 - memory) * omega[r]! : omega[r]!;
    omega[r] = expected[r]!;
  }
  if (w.tick < w.scenario.households.migrationFromTick) return 0;
  let best = 0;
  for (let r = 1; r < w.R; r++) if (omega[r]! > omega[best]!) best = r;
  const h = w.households;
  // Replicator dynamics: the chance to move is also scaled by the destination's share of the mobile households.
  let toward = 1;
  if (w.scenario.households.migrationDynamics === 'replicator') {
    let mobile = 0, there = 0;
    for (let i = 0; i < h.rows; i++) {
      if (h.mobile[i] === 0) continue;
      mobile++;
      if (h.region[i] === best) there++;
    }
    toward = mobile > 0 ? there / mobile : 0;
  }
  let moved = 0;
  for (let i = 0; i < h.rows; i++) {
    const r = h.region[i]!;
    if (h.mobile[i] === 0 || r === best || omega[r]! <= 0) continue;
    const gap = Math.min(1, (omega[best]! - omega[r]!) / omega[r]!);
    if (draw(w.key, Purpose.Migration, w.tick, i) >= rate * gap * toward) continue;
    if (h.employer[i]! >= 0) {
      w.firms.workers[h.employer[i]!]--;
      w.acc.region[r * REGION_STATS + RS.employed] -= 1;
    }
    h.employer[i] = -1;
    h.region[i] = best;
    const g = w.grid;
    const cells = g.regionCellStart[best + 1]! - g.regionCellStart[best]!;
    h.cell[i] = g.cellsOfRegion[g.regionCellStart[best]! + Math.floor(draw(w.key, Purpose.Migration, w.tick, i, 1) * cells)]!;
    w.regions.households[r]--;
    w.regions.households[best]++;
    moved++;
  }
  if (moved > 0) regroupByRegion(w);
  return moved;
}

/** Stable reorder of household rows so each region's rows are contiguous again (a counting sort by region). */
function regroupByRegion(w: World): void {
  const h = w.households;
  const start = w.regions.householdStart;
  start.fill(0);
  for (let i = 0; i < h.rows; i++) start[h.region[i]! + 1]++;
  for (let r = 0; r < w.R; r++) start[r + 1] += start[r]!;
  const next = start.slice(0, w.R);
  const order = new Int32Array(h.rows);
  for (let i = 0; i < h.rows; i++) order[next[h.region[i]!]!++] = i;
  for (const key of Object.keys(HOUSEHOLD_COLUMNS) as (keyof typeof HOUSEHOLD_COLUMNS)[]) {
    const col = h[key] as Float64Array;
    const copy = col.slice();
    for (let k = 0; k < h.rows; k++) col[k] = copy[order[k]!]!;
  }
}
