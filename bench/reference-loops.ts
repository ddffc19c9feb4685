// Hand-written references for firm planning, market building and the books check: the engine's rules and results,
// written as flat loops over hoisted typed arrays, so a kernel's time divided by its reference is its overhead.
import type { World } from '../engine/index.js';
import type { Stepper } from '../engine/sim/step.js';
import { GS, GOODS_STATS } from '../engine/sim/accumulators.js';
import { SHIP_FREE } from '../engine/systems/shipments.js';
import { setAliasTables } from '../engine/systems/markets.js';

const PRICE_SPEED = 0.25;
const STOCK_PRESSURE = 0.08;
const NORMAL_UTILISATION = 0.8;

/** planFirms: expectations, production plan, staffing target (hiring and firing), unit cost and price. */
export function planReference(w: World): void {
  const f = w.firms;
  const fs = w.scenario.firms;
  const S = w.S;
  const revenueShare = fs.wageRule === 'revenue-share';
  const surge = fs.surgeCapacity === undefined ? -1 : 1 + fs.surgeCapacity, normalMemory = fs.normalOutputMemory;
  const normal = f.normalOutput;
  const memory = fs.expectationMemory, stockTicks = fs.targetInventoryTicks, maxFire = fs.maxFireShare, markup = 1 + fs.markup;
  const alive = f.alive, sector = f.sector, scale = f.scale, region = f.region, upw = f.unitsPerWorker, expSales = f.expectedSales;
  const salesU = f.salesUnits, salesC = f.salesCents, produced = f.producedUnits, cap = f.capacity, inv = f.inventory;
  const planned = f.plannedOutput, workersA = f.workers, targetW = f.targetWorkers, wage = f.wageCents, price = f.priceCents;
  const inputCostA = f.inputCostPerUnit, maxWorkers = w.scaleMaxWorkers, fixed = w.scaleFixedCost, coef = w.inputCoef;
  const minCost = w.markets.minCost, basePrice = w.sectorBasePrice;
  for (let i = 0; i < f.rows; i++) {
    if (alive[i] === 0) continue;
    const s = sector[i]!, c = scale[i]!, r = region[i]!, u = upw[i]!;
    const updated = memory * expSales[i]! + (1 - memory) * salesU[i]!;
    const censored = f.downUntil[i]! < w.tick && inv[i]! <= 0 && produced[i]! < Math.floor(planned[i]!);
    const expected = censored ? Math.max(expSales[i]!, updated) : updated;
    expSales[i] = expected;
    salesU[i] = 0;
    salesC[i] = 0;
    produced[i] = 0;
    const targetStock = expected * stockTicks;
    const isDown = f.downUntil[i]! >= w.tick; // a knocked-out plant plans nothing and hires no one
    const plan = isDown ? 0 : Math.max(u, Math.min(surge < 0 ? cap[i]! : Math.min(cap[i]!, surge * normal[i]!), 1.05 * expected + 0.5 * (targetStock - inv[i]!)));
    planned[i] = plan;
    if (surge >= 0 && !isDown) normal[i] = normalMemory * normal[i]! + (1 - normalMemory) * plan; // surge limit's base
    const need = isDown ? 0 : Math.min(maxWorkers[c]!, Math.max(1, Math.ceil(plan / u)));
    const workers = workersA[i]!;
    targetW[i] = need >= workers ? need : Math.max(need, workers - Math.ceil(maxFire * workers));
    let inputCost = 0;
    for (let j = 0; j < S; j++) {
      const a = coef[s * S + j]!;
      if (a > 0) {
        const min = minCost[r * S + j]!;
        inputCost += a * (Number.isFinite(min) ? min : basePrice[j]!);
      }
    }
    inputCostA[i] = inputCost;
    const unitCost = wage[i]! / u + fixed[c]! / (NORMAL_UTILISATION * cap[i]!) + inputCost;
    const ratio = targetStock > 0 ? inv[i]! / targetStock : 1;
    const pressure = Math.max(0.85, Math.min(1.15, 1 + STOCK_PRESSURE * (1 - ratio)));
    const p = price[i]!;
    const target = revenueShare ? p * pressure : Math.max(unitCost, unitCost * markup * pressure);
    price[i] = Math.max(1, Math.round(p + PRICE_SPEED * (target - p)));
  }
}

/** Per-tick scratch for the market reference: eligible sellers bucketed by sector (row order within a sector). */
export interface MarketScratch {
  start: Int32Array;
  rows: Int32Array;
}

export function createMarketScratch(w: World): MarketScratch {
  return { start: new Int32Array(w.S + 1), rows: new Int32Array(w.firms.rows) };
}

/**
 * buildMarkets with the same entries, costs and weights, but one pass over firms to bucket them by sector instead
 * of two passes over every firm for every (region, sector) market.
 */
export function marketsReference(w: World, x: MarketScratch): void {
  const { R, S } = w;
  const f = w.firms, m = w.markets, lanes = w.lanes;
  const alive = f.alive, sector = f.sector, inv = f.inventory, down = f.downUntil, region = f.region, price = f.priceCents;
  const mStart = m.start, mLocalEnd = m.localEnd, mFirm = m.firm, mCost = m.cost, mKeep = m.keep, mMin = m.minCost;
  const laneMode = lanes.mode, laneCost = lanes.costCentsPerTonne, laneKm = lanes.km;
  const iceberg = w.scenario.transport.icebergPer1000Km;
  const choice = w.scenario.households.choice;
  const logit = choice.kind === 'logit';
  const sens = choice.kind === 'logit' ? choice.sensitivity : 0;
  const exponent = choice.kind === 'logit' ? 0 : 1 - choice.sigma;
  x.start.fill(0);
  for (let i = 0; i < f.rows; i++) if (alive[i] !== 0 && inv[i]! > 0 && down[i]! < w.tick) x.start[sector[i]! + 1]++;
  for (let s = 0; s < S; s++) x.start[s + 1] += x.start[s]!;
  const fill = x.start.slice(0, S);
  for (let i = 0; i < f.rows; i++) if (alive[i] !== 0 && inv[i]! > 0 && down[i]! < w.tick) x.rows[fill[sector[i]!]!++] = i;
  for (let r = 0; r < R; r++) {
    let next = r * f.rows;
    const tariff = w.policy.tariff[r]!;
    for (let s = 0; s < S; s++) {
      const mk = r * S + s;
      const tradable = w.sectorTradable[s] === 1;
      const tonnes = w.sectorTonnes[s]!;
      const from = next;
      mStart[mk] = next;
      let minCost = Infinity;
      for (let pass = 0; pass < 2; pass++) {
        for (let k = x.start[s]!; k < x.start[s + 1]!; k++) {
          const i = x.rows[k]!;
          const o = region[i]!;
          if ((pass === 0) !== (o === r)) continue;
          let cost = price[i]!;
          if (o !== r) {
            if (!tradable) continue;
            const lane = o * R + r;
            if (laneMode[lane]! < 0) continue;
            cost = cost * (1 + tariff) + tonnes * laneCost[lane]!;
            if (iceberg > 0) cost /= 1 - Math.min(0.99, (iceberg * laneKm[lane]!) / 1000);
          } else if (tradable) {
            cost += tonnes * laneCost[o * R + r]!;
          }
          mFirm[next] = i;
          mCost[next] = cost;
          if (cost < minCost) minCost = cost;
          next++;
        }
        if (pass === 0) mLocalEnd[mk] = next;
      }
      mMin[mk] = minCost;
      for (let e = from; e < next; e++) {
        const rel = mCost[e]! / minCost;
        mKeep[e] = logit ? Math.exp(-sens * (rel - 1)) : Math.pow(rel, exponent);
      }
      setAliasTables(m, mk, from, next);
    }
  }
  m.misses.fill(0);
}

/**
 * The books check in one fused pass per table: total money to the cent, and goods per sector against the tick's
 * flows. Returns true when both balance (the engine throws instead).
 */
export function booksReference(w: World, st: Stepper, goods: Float64Array): boolean {
  const { S } = w;
  const h = w.households, f = w.firms, sh = w.shipments, retail = st.retail, b = st.books;
  let money = w.rowCash[0]!;
  const hCash = h.cash, hLocal = h.localCash;
  for (let i = 0; i < h.rows; i++) money += hCash[i]! + hLocal[i]!;
  for (let r = 0; r < w.R; r++) money += w.regions.ownerPool[r]! + w.regions.govCash[r]!;
  for (let k = 0; k < w.carriers.rows; k++) money += w.carriers.cash[k]!;
  goods.fill(0);
  const fCash = f.cash, inv = f.inventory, sector = f.sector, stock = f.inputStock;
  const R = w.R, rows = f.rows, sold = f.soldUnits, soldCents = f.soldCents;
  for (let i = 0; i < rows; i++) {
    money += fCash[i]!;
    let held = inv[i]!;
    for (let r = 0; r < R; r++) {
      money += soldCents[r * rows + i]!;
      held -= sold[r * rows + i]!;
    }
    goods[sector[i]!] += held;
    for (let j = 0; j < S; j++) goods[j] += stock[i * S + j]!;
  }
  const status = sh.status, shSector = sh.sector, units = sh.units, escrow = sh.escrowCents;
  for (let k = 0; k < sh.rows; k++) {
    if (status[k] === SHIP_FREE) continue;
    goods[shSector[k]!] += units[k]!;
    money += escrow[k]!;
  }
  for (let key = 0; key < retail.units.length; key++) {
    money += retail.escrow[key]!;
    const u = retail.units[key]!;
    if (u > 0) goods[(key >> 1) % S] += u;
  }
  if (money !== w.moneyAtStart) return false;
  const a = w.acc.goods;
  for (let s = 0; s < S; s++) {
    const g = s * GOODS_STATS;
    const expected = b.goodsAtTickStart[s]! + a[g + GS.produced]! - a[g + GS.consumed]! - a[g + GS.usedAsInput]! - a[g + GS.exported]! - a[g + GS.destroyed]! - a[g + GS.governmentUse]!;
    if (goods[s] !== expected) return false;
  }
  return true;
}
