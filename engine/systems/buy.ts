// One purchase against a market: the shared step of households, governments and the rest of the world.
// Pays the seller, the tariff and the prepaid freight; takes units from stock; returns the cents spent.
import type { World } from '../state/world.js';
import { RS, SS, GS, REGION_STATS, SECTOR_STATS, GOODS_STATS, T, FIRMS, GOV, CARRIERS } from '../sim/accumulators.js';
import { pickEntry, rebuildMarket } from './markets.js';
import { drawBase, drawAt } from '../sim/rng.js';

/** Retail orders of the tick per (origin, destination, sector, buyer kind): units and prepaid freight. */
export interface RetailOrders {
  units: Float64Array;
  escrow: Float64Array;
  value: Float64Array;
}

export const BUYER_HOUSEHOLDS = 0;
export const BUYER_GOVERNMENT = 1;

export function createRetailOrders(R: number, S: number): RetailOrders {
  return { units: new Float64Array(R * R * S * 2), escrow: new Float64Array(R * R * S * 2), value: new Float64Array(R * R * S * 2) };
}

/** Result slots of the last `buy` call (a reused array: no allocation per purchase). */
export const bought = new Float64Array(4); // [0] cents to sellers, [1] tariff + freight, [2] units, [3] of which local funds

const MAX_ATTEMPTS = 4;
const REBUILD_AFTER_MISSES = 32;

/**
 * Spends up to `budget` cents in market (r, s) for a buyer with local-preference boost `boost`.
 * `localFunds` may only be spent on sellers in region r; `funds` anywhere. Draws are keyed by (purpose, id, s).
 * Money: seller +price, buyer region's government +tariff, carriers (prepaid freight) +freight.
 */
export function buy(
  w: World,
  r: number,
  s: number,
  budget: number,
  funds: number,
  localFunds: number,
  boost: number,
  purpose: number,
  id: number,
  buyerKind: number,
  retail: RetailOrders,
  fromColumn: number,
  tfmRow: number,
): void {
  const { markets: m, firms: f, lanes, acc, R, S } = w;
  const mk = r * S + s;
  const tradable = w.sectorTradable[s] === 1;
  const tonnes = w.sectorTonnes[s]!;
  let spentSeller = 0;
  let spentOther = 0;
  let units = 0;
  let remaining = budget;
  const localStart = localFunds;
  const base = drawBase(w.key, purpose, w.tick, id);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (remaining < m.minCost[mk]!) break;
    const e = pickEntry(m, mk, boost, drawAt(base, s * 8 + attempt * 2), drawAt(base, s * 8 + attempt * 2 + 1));
    if (e < 0) break;
    const i = m.firm[e]!;
    if (i < 0 || f.quota[r * f.rows + i]! <= 0) {
      if (++m.misses[mk]! > REBUILD_AFTER_MISSES) rebuildMarket(w, mk);
      continue;
    }
    const slot = r * f.rows + i;
    const o = f.region[i]!;
    const local = o === r;
    const lane = o * R + r;
    const price = f.priceCents[i]!;
    const freightPerUnit = tradable ? tonnes * lanes.costCentsPerTonne[lane]! : 0;
    const tariffPerUnit = local ? 0 : price * w.policy.tariff[r * R + o]!;
    let available = local ? funds + localFunds : funds;
    available = Math.min(available, remaining);
    let q = Math.floor(available / (price + freightPerUnit + tariffPerUnit));
    if (q > f.quota[slot]!) q = f.quota[slot]!;
    if (q <= 0) continue;
    let value = q * price;
    let tariff = Math.round(q * tariffPerUnit);
    let freight = Math.round(q * freightPerUnit);
    while (q > 0 && value + tariff + freight > available) {
      q--;
      value = q * price;
      tariff = Math.round(q * tariffPerUnit);
      freight = Math.round(q * freightPerUnit);
    }
    if (q <= 0) continue;
    const total = value + tariff + freight;
    if (local) {
      const fromLocal = Math.min(localFunds, total);
      localFunds -= fromLocal;
      funds -= total - fromLocal;
    } else {
      funds -= total;
    }
    remaining -= total;
    // The seller's books are settled after the phase (settleRegionalSales), from its per-region slots.
    f.quota[slot] -= q;
    f.soldUnits[slot] += q;
    f.soldCents[slot] += value;
    acc.tfm[tfmRow + fromColumn] -= value;
    acc.tfm[tfmRow + FIRMS] += value;
    if (tariff > 0) {
      w.regions.govCash[r] += tariff;
      acc.tfm[T.tariffs + fromColumn] -= tariff;
      acc.tfm[T.tariffs + GOV] += tariff;
    }
    if (!tradable) {
      // Services are used where and when they are bought.
      acc.goods[s * GOODS_STATS + (buyerKind === BUYER_HOUSEHOLDS ? GS.consumed : GS.governmentUse)] += q;
    } else {
      const k = ((lane * S + s) << 1) + buyerKind;
      retail.units[k] += q;
      retail.escrow[k] += freight;
      retail.value[k] += value;
      acc.tfm[T.freight + fromColumn] -= freight;
      acc.tfm[T.freight + CARRIERS] += freight;
    }
    spentSeller += value;
    spentOther += tariff + freight;
    units += q;
    const rb = r * REGION_STATS;
    acc.region[rb + RS.purchasesCents] += value;
    if (local) acc.region[rb + RS.localPurchasesCents] += value;
    else if (lanes.mode[lane]! >= 2) acc.region[rb + RS.overseasPurchasesCents] += value;
    const sb = mk * SECTOR_STATS;
    acc.sector[sb + SS.purchasesCents] += value;
    if (local) acc.sector[sb + SS.localPurchasesCents] += value;
  }
  bought[0] = spentSeller;
  bought[1] = spentOther;
  bought[2] = units;
  bought[3] = localStart - localFunds;
}
