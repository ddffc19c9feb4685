// Regional stock quotas: before buyers shop, each seller's stock is split over buyer regions in proportion
// to where it sold recently; after they shop, each seller's per-region sales are settled in a fixed order.
// This keeps a buying phase free of cross-region writes, so its result never depends on thread count.
import type { World } from '../state/world.js';

const MEMORY = 0.7; // weight of past sales in the regional split
const DISCOVERY = 0.1; // share of expected sales offered to every reachable region, so new trade can start

/** Splits each seller's stock over regions (integer units, largest remainder, region order on ties). */
export function allocateQuotas(w: World, from: number, to: number): void {
  const f = w.firms;
  const { R, lanes } = w;
  const rows = f.rows;
  const weights = new Float64Array(R); // once per call, not per firm
  for (let i = from; i < to; i++) {
    const base = i * R;
    for (let r = 0; r < R; r++) f.quota[r * rows + i] = 0;
    const stock = f.inventory[i]!;
    if (f.alive[i] === 0 || stock <= 0) continue;
    const o = f.region[i]!;
    const tradable = w.sectorTradable[f.sector[i]!] === 1;
    const floor = (DISCOVERY * Math.max(1, f.expectedSales[i]!)) / R;
    let total = 0;
    for (let r = 0; r < R; r++) {
      const reachable = r === o || (tradable && lanes.mode[o * R + r]! >= 0);
      const weight = reachable ? f.demandShare[base + r]! + floor : 0;
      weights[r] = weight;
      total += weight;
    }
    let given = 0;
    let bestR = o;
    let bestFrac = -1;
    for (let r = 0; r < R; r++) {
      const exact = (stock * weights[r]!) / total;
      const units = Math.floor(exact);
      f.quota[r * rows + i] = units;
      given += units;
      if (exact - units > bestFrac && weights[r]! > 0) [bestFrac, bestR] = [exact - units, r];
    }
    f.quota[bestR * rows + i] += stock - given;
  }
}

/** Books each seller's per-region sales: stock out, cash in, sales counted; remembers where it sold. */
export function settleRegionalSales(w: World, from: number, to: number): void {
  const f = w.firms;
  const { R } = w;
  const rows = f.rows;
  for (let i = from; i < to; i++) {
    const base = i * R;
    let units = 0;
    let cents = 0;
    for (let r = 0; r < R; r++) {
      const slot = r * rows + i;
      const u = f.soldUnits[slot]!;
      units += u;
      cents += f.soldCents[slot]!;
      f.demandShare[base + r] = MEMORY * f.demandShare[base + r]! + (1 - MEMORY) * u;
      f.soldUnits[slot] = 0;
      f.soldCents[slot] = 0;
    }
    if (units === 0) continue;
    f.inventory[i] -= units;
    f.cash[i] += cents;
    f.salesUnits[i] += units;
    f.salesCents[i] += cents;
  }
}
