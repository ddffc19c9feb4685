// End of tick: dividends, insolvency exits, entry where demand goes unmet, and regional wage adjustment.
// Structural changes (exit, entry) happen only here, between phases, in row order.
import type { World } from '../state/world.js';
import { RS, SS, GS, REGION_STATS, SECTOR_STATS, GOODS_STATS, T, FIRMS, GOV, HH } from '../sim/accumulators.js';
import { draw, Purpose } from '../sim/rng.js';
import { traceDividend } from '../output/lm3.js';
import { mobileSectorIndex } from './households.js';

const PAYOUT_SHARE = 0.5; // share of cash above the buffer paid out as dividends each tick
const MAX_ENTRANTS = 10; // per region × sector per tick

export function settleFirms(w: World): void {
  const f = w.firms;
  const fs = w.scenario.firms;
  const { acc, S } = w;
  const revenueShare = fs.wageRule === 'revenue-share';
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] === 0) continue;
    const r = f.region[i]!;
    const wageBill = f.workers[i]! * f.wageCents[i]!;
    if (revenueShare && f.workers[i]! > 0) {
      // Krugman's zero-profit firms: next tick's wage pool is this tick's revenue net of non-labour costs, plus a fifth
      // of the cash above (minus below) the buffer so firm cash stays put; planFirms shares it over next tick's staff.
      // The cash buffer is reckoned in ticks of this pool, not of the wage bill just paid: a buffer in wages would feed
      // the wage back into itself (0.2 x 8 ticks > 1) and make wages flip high/low every other tick.
      const net = f.salesCents[i]! - w.scaleFixedCost[f.scale[i]!]! - f.producedUnits[i]! * f.inputCostPerUnit[i]!;
      const gap = f.cash[i]! - fs.initialCashTicksOfWages * Math.max(net, w.regions.wageCents[r]!);
      f.wageCents[i] = Math.max(1, Math.round((net + 0.2 * gap) / f.workers[i]!));
    }
    const buffer = fs.initialCashTicksOfWages * Math.max(wageBill, w.regions.wageCents[r]!);
    // Zero-profit firms pay no dividends: their cash above the buffer goes to wages (above).
    if (!revenueShare && f.cash[i]! > buffer) {
      const dividend = Math.floor(PAYOUT_SHARE * (f.cash[i]! - buffer));
      f.cash[i] -= dividend;
      payOwners(w, r, f.scale[i]!, dividend);
      acc.tfm[T.dividends + FIRMS] -= dividend;
      acc.tfm[T.dividends + HH] += dividend;
    }
    const overdraft = fs.overdraftTicksOfWages * Math.max(wageBill, w.regions.wageCents[r]!);
    const understaffed = f.workers[i]! < fs.minWorkers;
    f.distressTicks[i] = f.cash[i]! < -overdraft || understaffed ? f.distressTicks[i]! + 1 : 0;
    if (f.distressTicks[i]! >= fs.exitAfterTicks) exitFirm(w, i);
  }
  enterFirms(w);
  if (fs.entryOnIdleLabour) enterOnIdleLabour(w);
  void S;
}

/**
 * Free entry on idle labour (Krugman's varieties follow the mobile workers): where a region's unemployed mobile
 * households could staff a firm of households.mobileSector at its starting size for entryAfterTicks ticks in a row,
 * closed rows reopen there as such firms, one per starting staff's worth (at most MAX_ENTRANTS a tick).
 */
function enterOnIdleLabour(w: World): void {
  const s = mobileSectorIndex(w.scenario);
  if (s < 0) return;
  const { R, acc } = w;
  const h = w.households;
  const idle = new Int32Array(R);
  for (let i = 0; i < h.rows; i++) if (h.mobile[i] !== 0 && h.employer[i]! < 0) idle[h.region[i]!]++;
  for (let r = 0; r < R; r++) {
    const scale = entrantScale(w, r, s);
    if (scale < 0) continue;
    const size = Math.max(1, w.scenario.scales[scale]!.initialWorkers);
    w.regions.idleTicks[r] = idle[r]! >= size ? w.regions.idleTicks[r]! + 1 : 0;
    if (w.regions.idleTicks[r]! < w.scenario.firms.entryAfterTicks) continue;
    const count = Math.min(MAX_ENTRANTS, Math.floor(idle[r]! / size));
    for (let n = 0; n < count; n++) {
      const row = findClosedRow(w.firms);
      if (row < 0) break;
      reviveFirm(w, row, r, s, scale);
      acc.region[r * REGION_STATS + RS.entries] += 1;
    }
  }
}

/** Local owners live in the firm's region; global owners everywhere, by population (remainder to the firm's region). */
function payOwners(w: World, r: number, scale: number, dividend: number): void {
  if (w.scenario.scales[scale]!.ownership === 'local') {
    w.regions.ownerPool[r] += dividend;
    traceDividend(w, r, r, dividend);
    return;
  }
  const total = w.households.rows;
  let paid = 0;
  for (let k = 0; k < w.R; k++) {
    const part = Math.floor((dividend * w.regions.households[k]!) / total);
    w.regions.ownerPool[k] += part;
    traceDividend(w, r, k, part);
    paid += part;
  }
  w.regions.ownerPool[r] += dividend - paid;
  traceDividend(w, r, r, dividend - paid);
}

/**
 * An insolvent firm closes: staff laid off, stocks written off, debt taken by the government. The staff notice in
 * their next household pass, each leaving the closed row's `workers` count; the row is reused by an entrant only
 * once that count is 0 (findClosedRow), so no household still holds a job at a row that reopened.
 */
function exitFirm(w: World, i: number): void {
  const f = w.firms;
  const { acc, S } = w;
  const r = f.region[i]!;
  f.alive[i] = 0;
  f.targetWorkers[i] = 0;
  acc.goods[f.sector[i]! * GOODS_STATS + GS.destroyed] += f.inventory[i]!;
  f.inventory[i] = 0;
  for (let j = 0; j < S; j++) {
    acc.goods[j * GOODS_STATS + GS.destroyed] += f.inputStock[i * S + j]!;
    f.inputStock[i * S + j] = 0;
    f.supplier[i * S + j] = -1;
    f.failedSupplier[i * S + j] = -1;
  }
  if (f.cash[i]! > 0) {
    // A firm closing with cash in hand (too few workers, not insolvent) pays it out to its owners.
    const payout = f.cash[i]!;
    f.cash[i] = 0;
    payOwners(w, r, f.scale[i]!, payout);
    acc.tfm[T.dividends + FIRMS] -= payout;
    acc.tfm[T.dividends + HH] += payout;
  }
  const debt = f.cash[i]!; // negative: the government absorbs it (a write-off keeps the money books whole)
  w.regions.govCash[r] += debt;
  f.cash[i] = 0;
  acc.tfm[T.firm_exit + GOV] += debt;
  acc.tfm[T.firm_exit + FIRMS] -= debt;
  acc.region[r * REGION_STATS + RS.bankruptcies] += 1;
}

/** Where a region × sector market left demand unmet for several ticks, a closed row reopens as an entrant. */
function enterFirms(w: World): void {
  const { R, S, acc } = w;
  const fs = w.scenario.firms;
  const f = w.firms;
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      const sb = (r * S + s) * SECTOR_STATS;
      const demand = acc.sector[sb + SS.demandCents]!;
      const unmet = acc.sector[sb + SS.unmetCents]!;
      const k = r * S + s;
      w.regions.unmetTicks[k] = demand > 0 && unmet > fs.entryUnmetShare * demand ? w.regions.unmetTicks[k]! + 1 : 0;
      if (w.regions.unmetTicks[k]! < fs.entryAfterTicks) continue;
      const scale = entrantScale(w, r, s);
      if (scale < 0) continue;
      w.regions.unmetTicks[k] = 0;
      // As many entrants as it takes to serve the unmet demand at their starting size (at most MAX_ENTRANTS).
      const spec = w.scenario.scales[scale]!;
      const perEntrant = w.sectorBasePrice[s]! * w.scenario.sectors[s]!.unitsPerWorker * spec.productivity * Math.max(1, spec.initialWorkers);
      const count = Math.min(MAX_ENTRANTS, Math.max(1, Math.ceil(unmet / perEntrant)));
      for (let n = 0; n < count; n++) {
        const row = findClosedRow(f);
        if (row < 0) break;
        reviveFirm(w, row, r, s, scale);
        acc.region[r * REGION_STATS + RS.entries] += 1;
      }
    }
  }
}

function findClosedRow(f: World['firms']): number {
  for (let i = 0; i < f.rows; i++) if (f.alive[i] === 0 && f.workers[i] === 0) return i;
  return -1;
}

/** The scale class a scenario gives this sector in this region (the first matching group), or -1. */
function entrantScale(w: World, r: number, s: number): number {
  const sc = w.scenario;
  const region = sc.regions[r]!;
  for (const g of sc.firms.groups) {
    if (g.sector !== sc.sectors[s]!.name) continue;
    const fits = g.regions === 'all' || (g.regions === 'hub' && region.hub) || (g.regions === 'nonhub' && !region.hub) || (Array.isArray(g.regions) && g.regions.includes(region.name));
    if (fits) return sc.scales.findIndex((x) => x.name === g.scale);
  }
  return -1;
}

export function reviveFirm(w: World, i: number, r: number, s: number, scale: number): void {
  const f = w.firms;
  const g = w.grid;
  const cells = g.regionCellStart[r + 1]! - g.regionCellStart[r]!;
  f.id[i] = w.nextFirmId++;
  f.alive[i] = 1;
  f.region[i] = r;
  f.cell[i] = g.cellsOfRegion[g.regionCellStart[r]! + Math.floor(draw(w.key, Purpose.Entry, w.tick, f.id[i]!) * cells)]!;
  f.sector[i] = s;
  f.scale[i] = scale;
  f.workers[i] = 0;
  f.targetWorkers[i] = Math.max(1, w.scenario.scales[scale]!.initialWorkers);
  f.wageCents[i] = w.regions.wageCents[r]!;
  const going = w.markets.minCost[r * w.S + s]!;
  f.priceCents[i] = Math.max(1, Math.round(Number.isFinite(going) ? going : w.sectorBasePrice[s]!));
  f.unitsPerWorker[i] = w.scenario.sectors[s]!.unitsPerWorker * w.scenario.scales[scale]!.productivity;
  f.capacity[i] = f.unitsPerWorker[i]! * w.scaleMaxWorkers[scale]!;
  f.expectedSales[i] = f.unitsPerWorker[i]! * f.targetWorkers[i]!;
  f.normalOutput[i] = f.expectedSales[i]!; // an entrant's normal output is its starting staff's
  f.distressTicks[i] = 0;
  f.downUntil[i] = -1;
  f.localInputCents[i] = 0;
  f.totalInputCents[i] = 0;
  const capital = Math.round(w.scenario.government.entrantCapitalTicksOfWages * f.wageCents[i]! * f.targetWorkers[i]!);
  f.cash[i] = capital;
  w.regions.govCash[r] -= capital;
  w.acc.tfm[T.firm_exit + GOV] -= capital;
  w.acc.tfm[T.firm_exit + FIRMS] += capital;
}

/** Phillips-curve wage adjustment per region; posted-wage firms pay their region's wage. */
export function adjustWages(w: World, unemploymentRate: Float64Array): void {
  const { R } = w;
  const lab = w.scenario.labour;
  for (let r = 0; r < R; r++) {
    const gap = lab.naturalUnemployment - unemploymentRate[r]!;
    w.regions.wageCents[r] = Math.max(1, Math.round(w.regions.wageCents[r]! * (1 + lab.wageFlexibility * gap)));
  }
  if (w.scenario.firms.wageRule !== 'posted') return;
  const f = w.firms;
  for (let i = 0; i < f.rows; i++) if (f.alive[i] !== 0) f.wageCents[i] = w.regions.wageCents[f.region[i]!]!;
}
