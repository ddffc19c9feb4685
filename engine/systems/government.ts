// Governments spend in their own region (their cash at a rate, plus any injection from outside);
// the rest of the world spends what it earned (fuel, tooling) on exports bought in port regions.
import type { World } from '../state/world.js';
import { RS, REGION_STATS, T, GOV, ROW } from '../sim/accumulators.js';
import { buy, bought, BUYER_GOVERNMENT, type RetailOrders } from './buy.js';
import { Purpose } from '../sim/rng.js';
import { GS, GOODS_STATS } from '../sim/accumulators.js';
import { traceGovernmentPurchase } from '../output/lm3.js';
import type { LabourMarket } from './households.js';

const CHUNKS = 16; // a government's purchases are split so one seller's stock is not drained at once
const GOVERNMENT_LOCAL_BOOST = 1e6; // governments buy in their own region whenever a local seller exists

export function governmentsPhase(w: World, retail: RetailOrders): void {
  const { R, S, acc } = w;
  const rate = w.scenario.government.spendRate;
  for (let r = 0; r < R; r++) {
    const injection = w.policy.injectionCents[r]!;
    w.rowCash[0] -= injection;
    w.regions.govCash[r] += injection;
    acc.tfm[T.injection + ROW] -= injection;
    acc.tfm[T.injection + GOV] += injection;
    const budget = Math.floor(rate * Math.max(0, w.regions.govCash[r]! - injection)) + injection;
    if (budget <= 0) continue;
    for (let s = 0; s < S; s++) {
      const perChunk = Math.floor((budget * w.sectorBudgetShare[s]!) / CHUNKS);
      if (perChunk <= 0) continue;
      for (let c = 0; c < CHUNKS; c++) {
        const funds = Math.max(0, w.regions.govCash[r]!);
        const localBefore = acc.region[r * REGION_STATS + RS.localPurchasesCents]!;
        buy(w, r, s, perChunk, funds, 0, GOVERNMENT_LOCAL_BOOST, Purpose.Choice, -(r * CHUNKS + c) - 2, BUYER_GOVERNMENT, retail, GOV, T.government_purchases);
        traceGovernmentPurchase(w, r, bought[0]!, acc.region[r * REGION_STATS + RS.localPurchasesCents]! - localBefore);
        w.regions.govCash[r] -= bought[0]! + bought[1]!;
      }
    }
  }
}

/** Exports: the rest of the world buys from sellers located in port regions, at ex-works prices. */
export function exportsPhase(w: World): void {
  const { R, S, acc } = w;
  const f = w.firms;
  const ports: number[] = [];
  for (let r = 0; r < R; r++) if (w.grid.portCell[r]! >= 0) ports.push(r);
  const budget = Math.floor(w.scenario.restOfWorld.spendRate * Math.max(0, w.rowCash[0]!));
  if (ports.length === 0 || budget <= 0) return;
  for (const r of ports) {
    for (let s = 0; s < S; s++) {
      if (w.sectorTradable[s] === 0) continue;
      let want = Math.floor((budget * w.sectorBudgetShare[s]!) / ports.length);
      const m = w.markets;
      const mk = r * S + s;
      // Buy from local sellers in market order, a share of each one's stock: deterministic and spread out.
      for (let e = m.start[mk]!; e < m.localEnd[mk]! && want > 0; e++) {
        const i = m.firm[e]!;
        if (i < 0 || f.inventory[i]! <= 0) continue;
        const price = f.priceCents[i]!;
        const q = Math.min(Math.floor(f.inventory[i]! / 2), Math.floor(want / price));
        if (q <= 0) continue;
        const value = q * price;
        f.inventory[i] -= q;
        f.cash[i] += value;
        f.salesUnits[i] += q;
        f.salesCents[i] += value;
        w.rowCash[0] -= value;
        want -= value;
        acc.tfm[T.exports + ROW] -= value;
        acc.tfm[T.exports + 1] += value;
        acc.goods[s * GOODS_STATS + GS.exported] += q;
        acc.region[r * REGION_STATS + RS.outputCents] += 0;
      }
    }
  }
  void bought;
}

/**
 * The benefit each claimant gets this tick, per region: the policy value, unless the regional government has a
 * borrowing limit (government.borrowingLimitTicksOfWages) and its cash plus that limit cannot pay it to every
 * possible claimant; then all get an equal share of what it can pay. Set before the households pass from an upper
 * bound of the claimants, so the benefits paid never take the government's cash below minus its limit.
 */
export function setBenefits(w: World, lm: Pick<LabourMarket, 'benefitCents' | 'claimants'>): void {
  const limitTicks = w.scenario.government.borrowingLimitTicksOfWages;
  for (let r = 0; r < w.R; r++) {
    const full = w.policy.benefitCents[r]!;
    const claimants = Math.max(0, lm.claimants[r]!);
    if (limitTicks === undefined || claimants === 0) {
      lm.benefitCents[r] = full;
      continue;
    }
    const funds = w.regions.govCash[r]! + limitTicks * w.regions.households[r]! * w.scenario.labour.baseWageCents;
    lm.benefitCents[r] = Math.min(full, Math.max(0, Math.floor(funds / claimants)));
  }
}
