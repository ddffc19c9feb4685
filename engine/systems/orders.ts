// Firms order intermediate inputs: choose a supplier by landed cost (price + freight + tariff + carbon
// pass-through) among drawn candidates, obey the local-content rule, avoid suppliers that failed, and pay.
import type { World } from '../state/world.js';
import { RS, SS, REGION_STATS, SECTOR_STATS, T, FIRMS, GOV, CARRIERS } from '../sim/accumulators.js';
import { pickEntry } from './markets.js';
import { drawBase, drawAt, Purpose } from '../sim/rng.js';
import { addShipment, type ShipmentFreeList } from './shipments.js';
import { traceInputPurchase } from '../output/lm3.js';

const SMOOTHING = 0.8; // memory of the local-content share (value-weighted, per firm)

export function orderInputs(w: World, free: ShipmentFreeList, from: number, to: number): void {
  const f = w.firms;
  const { S, R, markets: m, lanes, policy: pol } = w;
  const K = w.scenario.firms.supplierCandidates;
  const stockTicks = Math.max(1, w.scenario.firms.targetInputTicks);
  for (let i = from; i < to; i++) {
    if (f.alive[i] === 0) continue;
    const s = f.sector[i]!;
    const r = f.region[i]!;
    const base = drawBase(w.key, Purpose.Supplier, w.tick, f.id[i]!);
    const share = pol.localContentShare[r]!;
    const restrictLocal = share > 0 && f.localInputCents[i]! < share * f.totalInputCents[i]! + 1e-9 * share;
    const limitKm = pol.localContentKm[r]!;
    for (let j = 0; j < S; j++) {
      const a = w.inputCoef[s * S + j]!;
      if (a <= 0) continue;
      const fj = i * S + j;
      // Order-up-to (base stock): what is in stock and on order should cover the ticks until an order placed now
      // arrives (the transit time from the current supplier's region) plus the target stock held on hand.
      const current = f.supplier[fj]!;
      const lead = w.sectorTradable[j] === 1 && current >= 0 ? w.lanes.transitTicks[f.region[current]! * R + r]! : 0;
      let need = Math.ceil(a * f.plannedOutput[i]! * (stockTicks + lead) - f.inputStock[fj]! - f.onOrder[fj]!);
      if (need <= 0) continue;
      const mk = r * S + j;
      // Candidates: the current supplier (loyalty) and K draws; keep the cheapest admissible one.
      let best = -1;
      let bestCost = Infinity;
      for (let k = -1; k < K && need > 0; k++) {
        let firm: number;
        let cost: number;
        if (k < 0) {
          if (current < 0 || f.alive[current] === 0 || f.inventory[current]! <= 0 || f.sector[current] !== j) continue;
          firm = current;
          cost = landedCost(w, current, r, j);
        } else {
          const e = pickEntry(m, mk, 1, drawAt(base, j * 128 + 2 * k), drawAt(base, j * 128 + 2 * k + 1));
          if (e < 0) break;
          firm = m.firm[e]!;
          if (firm < 0 || f.inventory[firm]! <= 0) continue;
          cost = m.cost[e]!;
        }
        if (firm === f.failedSupplier[fj]) continue;
        if (restrictLocal && lanes.roadKm[f.region[firm]! * R + r]! > limitKm) continue;
        if (cost < bestCost) [best, bestCost] = [firm, cost];
      }
      if (best < 0) {
        recordShortfall(w, r, j, need);
        continue;
      }
      const q = Math.min(need, f.inventory[best]!);
      if (q < need) recordShortfall(w, r, j, need - q);
      if (q < need) {
        f.failedSupplier[fj] = best; // remembered: it could not deliver in full
        f.supplier[fj] = -1;
      } else {
        f.supplier[fj] = best;
      }
      purchase(w, free, i, best, j, q);
      need -= q;
    }
  }
}

/** Inputs a firm could not buy count as unmet demand of its region for that sector (entrants respond to it). */
function recordShortfall(w: World, r: number, j: number, units: number): void {
  const mk = r * w.S + j;
  const price = Number.isFinite(w.markets.minCost[mk]!) ? w.markets.minCost[mk]! : w.sectorBasePrice[j]!;
  const cents = Math.round(units * price);
  w.acc.sector[mk * SECTOR_STATS + SS.unmetCents] += cents;
  w.acc.sector[mk * SECTOR_STATS + SS.demandCents] += cents;
  w.acc.region[r * REGION_STATS + RS.unmetCents] += cents;
}

function landedCost(w: World, seller: number, r: number, j: number): number {
  const o = w.firms.region[seller]!;
  const price = w.firms.priceCents[seller]!;
  const lane = o * w.R + r;
  if (w.sectorTradable[j] === 0) return o === r ? price : Infinity;
  if (w.lanes.mode[lane]! < 0) return Infinity;
  return price * (1 + w.policy.tariff[r * w.R + o]!) + w.sectorTonnes[j]! * w.lanes.costCentsPerTonne[lane]!;
}

/** Buyer i pays seller for q units of sector j; tradable goods leave as a shipment, services arrive at once. */
function purchase(w: World, free: ShipmentFreeList, i: number, seller: number, j: number, q: number): void {
  const f = w.firms;
  const { acc, S, R } = w;
  const r = f.region[i]!;
  const o = f.region[seller]!;
  const lane = o * R + r;
  const value = q * f.priceCents[seller]!;
  const tariff = Math.round(value * w.policy.tariff[r * R + o]!);
  const tradable = w.sectorTradable[j] === 1;
  const freight = tradable ? Math.round(q * w.sectorTonnes[j]! * w.lanes.costCentsPerTonne[lane]!) : 0;
  f.cash[i] -= value + tariff + freight;
  f.cash[seller] += value;
  traceInputPurchase(w, r, o, value);
  f.inventory[seller] -= q;
  f.salesUnits[seller] += q;
  f.salesCents[seller] += value;
  if (tariff > 0) {
    w.regions.govCash[r] += tariff;
    acc.tfm[T.tariffs + FIRMS] -= tariff;
    acc.tfm[T.tariffs + GOV] += tariff;
  }
  if (tradable) {
    acc.tfm[T.freight + FIRMS] -= freight;
    acc.tfm[T.freight + CARRIERS] += freight;
    addShipment(w, free, o, r, j, i, q, freight, value);
    f.onOrder[i * S + j] += q;
  } else {
    f.inputStock[i * S + j] += q;
  }
  const within = w.lanes.roadKm[lane]! <= w.policy.localContentKm[r]!;
  f.totalInputCents[i] = SMOOTHING * f.totalInputCents[i]! + value;
  f.localInputCents[i] = SMOOTHING * f.localInputCents[i]! + (within ? value : 0);
  const rb = r * REGION_STATS;
  acc.region[rb + RS.purchasesCents] += value;
  if (o === r) acc.region[rb + RS.localPurchasesCents] += value;
  else if (w.lanes.mode[lane]! >= 2) acc.region[rb + RS.overseasPurchasesCents] += value;
  const sb = (r * S + j) * SECTOR_STATS;
  acc.sector[sb + SS.purchasesCents] += value;
  if (o === r) acc.sector[sb + SS.localPurchasesCents] += value;
}
