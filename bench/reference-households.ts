// Hand-written reference for the household pass (labour, income, purchase choice): the same rules and the same
// results as householdsPhase + buy (sales against regional quotas), written as one flat loop over hoisted typed arrays, to show the kernel's overhead.
import type { World } from '../engine/index.js';
import type { Stepper } from '../engine/sim/step.js';
import { RS, SS, GS, REGION_STATS, SECTOR_STATS, GOODS_STATS, T, HH, FIRMS, GOV, CARRIERS } from '../engine/sim/accumulators.js';
import { rebuildMarket } from '../engine/systems/markets.js';
import { Purpose } from '../engine/sim/rng.js';

const MAX_ATTEMPTS = 4;
const REBUILD_AFTER_MISSES = 32;

/** engine/sim/rng.ts's mixer; draws are rebuilt from it so the (key, purpose, tick) part is hashed once per tick. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

export function householdsReference(w: World, st: Stepper): void {
  const { R, S, acc } = w;
  const h = w.households, f = w.firms, m = w.markets, pol = w.policy, lm = st.labour, retail = st.retail;
  const hRegion = h.region, hEmployer = h.employer, hCash = h.cash, hLocal = h.localCash, hIncome = h.incomeCents, hPref = h.localPreference;
  const fAlive = f.alive, fWorkers = f.workers, fTarget = f.targetWorkers, fWage = f.wageCents, fCash = f.cash;
  const fRows = f.rows, quota = f.quota, soldUnits = f.soldUnits, soldCents = f.soldCents, fRegion = f.region, fPrice = f.priceCents;
  const mStart = m.start, mLocalEnd = m.localEnd, mEnd = m.end, mFirm = m.firm, mKeep = m.keep, mAlias = m.alias, mMinCost = m.minCost, mMisses = m.misses;
  const mLocalWeight = m.localWeight, mRemoteWeight = m.remoteWeight;
  const aRegion = acc.region, aSector = acc.sector, tfm = acc.tfm, aGoods = acc.goods;
  const govCash = w.regions.govCash, laneCost = w.lanes.costCentsPerTonne, laneMode = w.lanes.mode;
  const taxRate = pol.incomeTaxRate, lcs = pol.localCurrencyShare, tariffRate = pol.tariff, shock = pol.demandShock;
  const share = w.sectorBudgetShare, tradableS = w.sectorTradable, tonnesS = w.sectorTonnes, basePrice = w.sectorBasePrice;
  const lmStart = lm.start, lmFirm = lm.firm, lmCursor = lm.cursor, lmOpen = lm.open, dividend = lm.dividendCents, benefit = lm.benefitCents;
  const rUnits = retail.units, rEscrow = retail.escrow, rValue = retail.value;
  const alpha1 = w.scenario.households.consumeFromIncome, alpha2 = w.scenario.households.consumeFromWealth;
  const choice = w.scenario.households.choice;
  const logit = choice.kind === 'logit';
  const sens = choice.kind === 'logit' ? choice.sensitivity : 0;
  const sigma = choice.kind === 'logit' ? 1 : choice.sigma;
  const tickHash = mix(mix(w.key ^ Math.imul(Purpose.Choice, 0x9e3779b9)) ^ Math.imul(w.tick + 1, 0x85ebca6b));
  for (let i = w.regions.householdStart[0]!; i < w.regions.householdStart[R]!; i++) {
    const r = hRegion[i]!;
    const rb = r * REGION_STATS;
    let e = hEmployer[i]!;
    if (e >= 0 && (fAlive[e] === 0 || fWorkers[e]! > fTarget[e]!)) {
      if (fAlive[e] !== 0) fWorkers[e]--;
      e = -1;
    }
    if (e < 0 && lmOpen[r]! > 0) {
      const start = lmStart[r]!;
      const count = lmStart[r + 1]! - start;
      for (let k = 0; k < count; k++) {
        const slot = start + ((lmCursor[r]! + k) % count);
        const v = lmFirm[slot]!;
        if (fWorkers[v]! < fTarget[v]!) {
          fWorkers[v]++;
          lmOpen[r]--;
          lmCursor[r] = (slot - start) % count;
          e = v;
          break;
        }
      }
    }
    hEmployer[i] = e;
    if (e >= 0) aRegion[rb + RS.employed] += 1;
    let net: number;
    if (e >= 0) {
      const gross = fWage[e]!;
      const tax = Math.round(gross * taxRate[r]!);
      fCash[e] -= gross;
      net = gross - tax;
      govCash[r] += tax;
      tfm[T.wages + FIRMS] -= gross;
      tfm[T.wages + HH] += gross;
      tfm[T.income_tax + HH] -= tax;
      tfm[T.income_tax + GOV] += tax;
      aRegion[rb + RS.wagesCents] += gross;
    } else {
      net = benefit[r]!;
      govCash[r] -= net;
      tfm[T.benefits + GOV] -= net;
      tfm[T.benefits + HH] += net;
    }
    const localPart = Math.round(net * lcs[r]!);
    net += dividend[r]!;
    aRegion[rb + RS.incomeCents] += net;
    const cashBefore = hCash[i]!;
    const localBefore = hLocal[i]!;
    aRegion[rb + RS.householdCashBeforeCents] += cashBefore + localBefore;
    let cash = cashBefore + net - localPart;
    let localCash = localBefore + localPart;
    hIncome[i] = net;
    const budget = Math.min(cash + localCash, Math.floor(alpha1 * net + alpha2 * (cash + localCash)));
    if (budget > 0) {
      const pref = hPref[i]!;
      const boost = logit ? Math.exp(sens * pref) : Math.pow(1 - Math.min(pref, 0.99), 1 - sigma);
      const idHash = mix(tickHash ^ Math.imul(i + 1, 0xc2b2ae35));
      const tariff = tariffRate[r]!;
      for (let s = 0; s < S; s++) {
        const want = Math.floor(budget * share[s]! * shock[r * S + s]!);
        if (want <= 0) continue;
        const mk = r * S + s;
        const sb = mk * SECTOR_STATS;
        aSector[sb + SS.demandCents] += want;
        const tradable = tradableS[s] === 1;
        const tonnes = tonnesS[s]!;
        let spentSeller = 0, spentOther = 0, units = 0, remaining = want;
        let funds = cash, localFunds = localCash;
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          if (remaining < mMinCost[mk]!) break;
          const salt = s * 8 + attempt * 2;
          const u1 = mix(idHash ^ Math.imul(salt + 1, 0x27d4eb2f)) / 4294967296;
          const u2 = mix(idHash ^ Math.imul(salt + 2, 0x27d4eb2f)) / 4294967296;
          const wl = mLocalWeight[mk]! * boost;
          const total = wl + mRemoteWeight[mk]!;
          if (!(total > 0)) break;
          let from = mLocalEnd[mk]!, n = mEnd[mk]! - from;
          if (u1 * total < wl) {
            from = mStart[mk]!;
            n = mLocalEnd[mk]! - from;
          }
          const x = u2 * n, k = Math.floor(x), entry = from + k;
          const seller = mFirm[x - k < mKeep[entry]! ? entry : mAlias[entry]!]!;
          if (seller < 0 || quota[r * fRows + seller]! <= 0) {
            if (++mMisses[mk]! > REBUILD_AFTER_MISSES) rebuildMarket(w, mk);
            continue;
          }
          const slot = r * fRows + seller;
          const o = fRegion[seller]!;
          const local = o === r;
          const lane = o * R + r;
          const price = fPrice[seller]!;
          const freightPerUnit = tradable ? tonnes * laneCost[lane]! : 0;
          const tariffPerUnit = local ? 0 : price * tariff;
          const available = Math.min(local ? funds + localFunds : funds, remaining);
          let q = Math.min(Math.floor(available / (price + freightPerUnit + tariffPerUnit)), quota[slot]!);
          if (q <= 0) continue;
          let value = q * price, tax = Math.round(q * tariffPerUnit), freight = Math.round(q * freightPerUnit);
          while (q > 0 && value + tax + freight > available) {
            q--;
            value = q * price;
            tax = Math.round(q * tariffPerUnit);
            freight = Math.round(q * freightPerUnit);
          }
          if (q <= 0) continue;
          const paid = value + tax + freight;
          if (local) {
            const fromLocal = Math.min(localFunds, paid);
            localFunds -= fromLocal;
            funds -= paid - fromLocal;
          } else {
            funds -= paid;
          }
          remaining -= paid;
          quota[slot] -= q;
          soldUnits[slot] += q;
          soldCents[slot] += value;
          tfm[T.consumption + HH] -= value;
          tfm[T.consumption + FIRMS] += value;
          if (tax > 0) {
            govCash[r] += tax;
            tfm[T.tariffs + HH] -= tax;
            tfm[T.tariffs + GOV] += tax;
          }
          if (!tradable) {
            aGoods[s * GOODS_STATS + GS.consumed] += q;
          } else {
            const key = (lane * S + s) << 1;
            rUnits[key] += q;
            rEscrow[key] += freight;
            rValue[key] += value;
            tfm[T.freight + HH] -= freight;
            tfm[T.freight + CARRIERS] += freight;
          }
          spentSeller += value;
          spentOther += tax + freight;
          units += q;
          aRegion[rb + RS.purchasesCents] += value;
          if (local) aRegion[rb + RS.localPurchasesCents] += value;
          else if (laneMode[lane]! >= 2) aRegion[rb + RS.overseasPurchasesCents] += value;
          aSector[sb + SS.purchasesCents] += value;
          if (local) aSector[sb + SS.localPurchasesCents] += value;
        }
        const fromLocal = localCash - localFunds;
        const spent = spentSeller + spentOther;
        localCash -= fromLocal;
        cash -= spent - fromLocal;
        aRegion[rb + RS.consumptionCents] += spentSeller;
        aRegion[rb + RS.baseCostCents] += units * basePrice[s]!;
        if (!tradable) aRegion[rb + RS.consumptionUnits] += units;
        const unmet = want - spent;
        const minCost = mMinCost[mk]!;
        if (unmet > 0 && (unmet >= minCost || !Number.isFinite(minCost))) {
          aRegion[rb + RS.unmetCents] += unmet;
          aSector[sb + SS.unmetCents] += unmet;
        }
      }
    }
    hCash[i] = cash;
    hLocal[i] = localCash;
    aRegion[rb + RS.householdCashCents] += cash + localCash;
  }
}
