// Migration of mobile households toward a higher real wage (Krugman's core-periphery dynamics).
// Movers quit their job and take a cell in the new region; rows are then regrouped by region (stable order).
import type { World } from '../state/world.js';
import { draw, Purpose } from '../sim/rng.js';
import { HOUSEHOLD_COLUMNS } from '../state/tables.js';

/** Real wage per region: mean wage of employed households over the region's price index. */
export function realWages(w: World, out: Float64Array): Float64Array {
  const h = w.households;
  const f = w.firms;
  const sum = new Float64Array(w.R);
  const n = new Float64Array(w.R);
  for (let i = 0; i < h.rows; i++) {
    const e = h.employer[i]!;
    if (e < 0) continue;
    sum[h.region[i]!] += f.wageCents[e]!;
    n[h.region[i]!]++;
  }
  for (let r = 0; r < w.R; r++) out[r] = n[r]! > 0 ? sum[r]! / n[r]! / w.regions.priceIndex[r]! : 0;
  return out;
}

/** Each mobile household moves to the best other region with probability rate × relative real-wage gap. */
export function migrate(w: World): number {
  const rate = w.scenario.households.migrationRate;
  if (rate <= 0 || w.scenario.households.mobileShare <= 0) return 0;
  const omega = realWages(w, new Float64Array(w.R));
  let best = 0;
  for (let r = 1; r < w.R; r++) if (omega[r]! > omega[best]!) best = r;
  const h = w.households;
  let moved = 0;
  for (let i = 0; i < h.rows; i++) {
    const r = h.region[i]!;
    if (h.mobile[i] === 0 || r === best || omega[r]! <= 0) continue;
    const gap = (omega[best]! - omega[r]!) / omega[r]!;
    if (draw(w.key, Purpose.Migration, w.tick, i) >= rate * gap) continue;
    if (h.employer[i]! >= 0) w.firms.workers[h.employer[i]!]--;
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
