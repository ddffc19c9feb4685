// The household pass: lose or find a job, earn (wage, benefit, dividend), then spend across sectors.
// The hot loop of the model: one pass over household rows, no allocation, everything by typed-array index.
import type { World } from '../state/world.js';
import { RS, REGION_STATS, SS, SECTOR_STATS, T, HH, FIRMS, GOV } from '../sim/accumulators.js';
import { buy, bought, BUYER_HOUSEHOLDS, type RetailOrders } from './buy.js';
import { Purpose } from '../sim/rng.js';

/** Per-tick labour-market state prepared before the pass (vacancy lists per region, dividends). */
export interface LabourMarket {
  /** CSR of firm rows with vacancies, per region, in row order. */
  start: Int32Array;
  firm: Int32Array;
  cursor: Int32Array;
  /** Vacancies still open per region (a fast exit when there are none). */
  open: Int32Array;
  dividendCents: Float64Array;
  /** Unemployment benefit per claimant this tick, per region (the policy value, cut when the government is short). */
  benefitCents: Float64Array;
  /** Upper bound of the unemployed this tick, per region (households less the jobs firms keep). */
  claimants: Float64Array;
}

/** Runs the households of regions [regionFrom, regionTo): rows of a region are contiguous (world.regions.householdStart). */
export function householdsPhase(w: World, lm: LabourMarket, retail: RetailOrders, regionFrom: number, regionTo: number): void {
  const from = w.regions.householdStart[regionFrom]!;
  const to = w.regions.householdStart[regionTo]!;
  const h = w.households;
  const f = w.firms;
  const { acc, policy: pol, S } = w;
  const alpha1 = w.scenario.households.consumeFromIncome;
  const alpha2 = w.scenario.households.consumeFromWealth;
  const ms = mobileSectorIndex(w.scenario);
  for (let i = from; i < to; i++) {
    const r = h.region[i]!;
    const rb = r * REGION_STATS;
    // Labour: a layoff due at the employer falls on its workers in row order; staff of a closed employer leave
    // its count (the row reopens only when it is 0, see settle.ts). A household never holds a job in another
    // region's row (labour markets are regional; writing another region's firm would break region-parallel
    // threads), so such a job is dropped without touching that row.
    let e = h.employer[i]!;
    // Krugman's split of labour (mobileSector): group 1 = mobile households and firms of that sector; -1 = no split.
    const group = ms >= 0 ? h.mobile[i]! : -1;
    if (e >= 0 && (f.alive[e] === 0 || f.region[e] !== r || f.workers[e]! > f.targetWorkers[e]! || (group >= 0 && (f.sector[e] === ms ? 1 : 0) !== group))) {
      if (f.region[e] === r && f.workers[e]! > 0) f.workers[e]--;
      e = -1;
    }
    if (e < 0) e = takeVacancy(f, lm, r, ms, group);
    h.employer[i] = e;
    if (e >= 0) acc.region[rb + RS.employed] += 1;
    // Earn.
    let net: number;
    if (e >= 0) {
      const gross = f.wageCents[e]!;
      const tax = Math.round(gross * pol.incomeTaxRate[r]!);
      f.cash[e] -= gross;
      net = gross - tax;
      w.regions.govCash[r] += tax;
      acc.tfm[T.wages + FIRMS] -= gross;
      acc.tfm[T.wages + HH] += gross;
      acc.tfm[T.income_tax + HH] -= tax;
      acc.tfm[T.income_tax + GOV] += tax;
      acc.region[rb + RS.wagesCents] += gross;
    } else {
      net = lm.benefitCents[r]!;
      w.regions.govCash[r] -= net;
      acc.tfm[T.benefits + GOV] -= net;
      acc.tfm[T.benefits + HH] += net;
    }
    const localPart = Math.round(net * pol.localCurrencyShare[r]!);
    net += lm.dividendCents[r]!;
    acc.region[rb + RS.incomeCents] += net;
    const cashBefore = h.cash[i]!;
    const localCashBefore = h.localCash[i]!;
    // What the books hold for this household: a change made anywhere else since the last pass shows at its check.
    acc.region[rb + RS.householdCashBeforeCents] += cashBefore + localCashBefore;
    let cash = cashBefore + net - localPart;
    let localCash = localCashBefore + localPart;
    h.incomeCents[i] = net;
    // Spend: Godley–Lavoie consumption function, split by budget shares, sellers drawn per sector.
    const budget = Math.min(cash + localCash, Math.floor(alpha1 * net + alpha2 * (cash + localCash)));
    if (budget > 0) {
      const boost = h.choiceBoost[i]!;
      for (let s = 0; s < S; s++) {
        const want = Math.floor(budget * w.sectorBudgetShare[s]! * pol.demandShock[r * S + s]!);
        if (want <= 0) continue;
        acc.sector[(r * S + s) * SECTOR_STATS + SS.demandCents] += want;
        buy(w, r, s, want, cash, localCash, boost, Purpose.Choice, i, BUYER_HOUSEHOLDS, retail, HH, T.consumption);
        const spent = bought[0]! + bought[1]!;
        localCash -= bought[3]!;
        cash -= spent - bought[3]!;
        acc.region[rb + RS.consumptionCents] += bought[0]!;
        acc.region[rb + RS.baseCostCents] += bought[2]! * w.sectorBasePrice[s]!;
        if (w.sectorTradable[s] === 0) acc.region[rb + RS.consumptionUnits] += bought[2]!;
        const unmet = want - spent;
        // Unmet: budget left that could have bought a unit at the cheapest price on offer (all of it if none was).
        const minCost = w.markets.minCost[r * S + s]!;
        if (unmet > 0 && (unmet >= minCost || !Number.isFinite(minCost))) {
          acc.region[rb + RS.unmetCents] += unmet;
          acc.sector[(r * S + s) * SECTOR_STATS + SS.unmetCents] += unmet;
        }
      }
    }
    h.cash[i] = cash;
    h.localCash[i] = localCash;
    // The books check's household total: summed here, where it is written, instead of in another pass over rows.
    acc.region[rb + RS.householdCashCents] += cash + localCash;
  }
}

/** Index of households.mobileSector, or -1 when labour is not split between mobile and immobile households. */
export function mobileSectorIndex(s: World['scenario']): number {
  const name = s.households.mobileSector;
  return name === undefined ? -1 : s.sectors.findIndex((x) => x.name === name);
}

/**
 * The next vacancy in region r, rotating from a seeded start so no firm is always served first. With a labour
 * split (group >= 0), only firms of the household's group: mobileSector firms for group 1, the others for group 0.
 */
function takeVacancy(f: World['firms'], lm: LabourMarket, r: number, ms: number, group: number): number {
  if (lm.open[r]! <= 0) return -1;
  const start = lm.start[r]!;
  const count = lm.start[r + 1]! - start;
  for (let k = 0; k < count; k++) {
    const slot = start + ((lm.cursor[r]! + k) % count);
    const e = lm.firm[slot]!;
    if (group >= 0 && (f.sector[e] === ms ? 1 : 0) !== group) continue;
    if (f.workers[e]! < f.targetWorkers[e]!) {
      f.workers[e]++;
      lm.open[r]--;
      lm.cursor[r] = (slot - start) % count;
      return e;
    }
  }
  return -1;
}
