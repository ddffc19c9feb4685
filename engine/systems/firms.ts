// Firm kernels over row ranges: plan (expectations, staffing target, price) and produce (labour, inputs, capacity).
// Each is (world, from, to) => void, so the same code runs on the main thread or on a worker's slice.
import type { World } from '../state/world.js';
import { RS, SS, GS, REGION_STATS, SECTOR_STATS, GOODS_STATS, T, FIRMS, GOV, ROW } from '../sim/accumulators.js';

const PRICE_SPEED = 0.25; // share of the gap to the target price closed each tick
const STOCK_PRESSURE = 0.08; // price change per unit of relative excess or shortage of finished goods
const NORMAL_UTILISATION = 0.8; // fixed costs are spread over this share of capacity when pricing

export function planFirms(w: World, from: number, to: number): void {
  const f = w.firms;
  const fs = w.scenario.firms;
  const S = w.S;
  const memory = fs.expectationMemory;
  const revenueShare = fs.wageRule === 'revenue-share';
  // Surge limit: at most (1 + surge) x normal output; normal output follows planned output slowly.
  const surgeFactor = fs.surgeCapacity === undefined ? -1 : 1 + fs.surgeCapacity;
  const normalMemory = fs.normalOutputMemory;
  for (let i = from; i < to; i++) {
    if (f.alive[i] === 0) continue;
    const s = f.sector[i]!;
    const c = f.scale[i]!;
    const r = f.region[i]!;
    const unitsPerWorker = f.unitsPerWorker[i]!;
    // Censored demand: a firm that made less than it planned (short of inputs or staff) and sold all it had saw
    // sales limited by its own supply, not by its buyers, so it does not read them as lower demand.
    const updated = memory * f.expectedSales[i]! + (1 - memory) * f.salesUnits[i]!;
    const censored = f.downUntil[i]! < w.tick && f.inventory[i]! <= 0 && f.producedUnits[i]! < Math.floor(f.plannedOutput[i]!);
    const expected = censored ? Math.max(f.expectedSales[i]!, updated) : updated;
    f.expectedSales[i] = expected;
    f.salesUnits[i] = 0;
    f.salesCents[i] = 0;
    f.producedUnits[i] = 0;
    const targetStock = expected * fs.targetInventoryTicks;
    // Aim a little above expected sales so that a firm whose stock sold out can discover more demand.
    const fixedStaff = w.scenario.scales[c]!.fixedStaff;
    // A firm whose plant is knocked out plans nothing: it cannot produce, so it neither hires to rebuild the stock it
    // lost nor keeps staff idle; its workforce falls at the lay-off limit until the plant is back.
    const down = f.downUntil[i]! >= w.tick;
    // Surge capacity (firms.surgeCapacity; Hallegatte 2008, Colon et al. 2021): a firm cannot scale up at once, but
    // plans at most (1 + surge) x its normal output, a slow average of its plans, frozen while its plant is down (so
    // the limit does not hold a recovering firm below its pre-shock scale). Off: capacity is the only ceiling.
    const ceiling = surgeFactor < 0 ? f.capacity[i]! : Math.min(f.capacity[i]!, surgeFactor * f.normalOutput[i]!);
    const planned = down ? 0 : Math.max(unitsPerWorker, Math.min(ceiling, 1.05 * expected + 0.5 * (targetStock - f.inventory[i]!)));
    f.plannedOutput[i] = planned;
    if (surgeFactor >= 0 && !down) f.normalOutput[i] = normalMemory * f.normalOutput[i]! + (1 - normalMemory) * planned;
    const need = down ? 0 : Math.min(w.scaleMaxWorkers[c]!, Math.max(1, Math.ceil(planned / unitsPerWorker)));
    const workers = f.workers[i]!;
    f.targetWorkers[i] = fixedStaff ? w.scaleMaxWorkers[c]! : need >= workers ? need : Math.max(need, workers - Math.ceil(fs.maxFireShare * workers));
    // Revenue-share: settle set the wage as last tick's pool over last tick's staff; the pool is shared by this tick's.
    if (revenueShare && workers > 0) f.wageCents[i] = Math.max(1, Math.round((f.wageCents[i]! * workers) / f.targetWorkers[i]!));
    // Unit cost: labour + fixed cost at normal utilisation + inputs at the cheapest landed cost on offer.
    let inputCost = 0;
    for (let j = 0; j < S; j++) {
      const a = w.inputCoef[s * S + j]!;
      if (a > 0) {
        const min = w.markets.minCost[r * S + j]!;
        inputCost += a * (Number.isFinite(min) ? min : w.sectorBasePrice[j]!);
      }
    }
    f.inputCostPerUnit[i] = inputCost;
    const unitCost =
      f.wageCents[i]! / unitsPerWorker + w.scaleFixedCost[c]! / (NORMAL_UTILISATION * f.capacity[i]!) + inputCost;
    const ratio = targetStock > 0 ? f.inventory[i]! / targetStock : 1;
    const pressure = Math.max(0.85, Math.min(1.15, 1 + STOCK_PRESSURE * (1 - ratio)));
    const price = f.priceCents[i]!;
    // Posted wages: cost-plus pricing; excess stock pushes the price down, but not below unit cost.
    // Revenue-share wages (Krugman): wages follow revenue, so prices follow stock alone (else they would spiral).
    const target = revenueShare ? price * pressure : Math.max(unitCost, unitCost * (1 + fs.markup) * pressure);
    f.priceCents[i] = Math.max(1, Math.round(price + PRICE_SPEED * (target - price)));
  }
}

export function produceFirms(w: World, from: number, to: number): void {
  const f = w.firms;
  const { acc, S } = w;
  const subsidyScale = w.scenario.policy.localSubsidyScale;
  const subsidyScaleIndex = subsidyScale === undefined ? -1 : w.scenario.scales.findIndex((x) => x.name === subsidyScale);
  for (let i = from; i < to; i++) {
    if (f.alive[i] === 0) continue;
    const s = f.sector[i]!;
    const c = f.scale[i]!;
    const r = f.region[i]!;
    // Fixed costs (tooling, premises) are bought abroad, down or not.
    const fixed = w.scaleFixedCost[c]!;
    f.cash[i] -= fixed;
    w.rowCash[0] += fixed;
    acc.tfm[T.fixed_costs + FIRMS] -= fixed;
    acc.tfm[T.fixed_costs + ROW] += fixed;
    acc.region[r * REGION_STATS + RS.fixedCostCents] += fixed;
    if (c === subsidyScaleIndex) {
      const subsidy = Math.round(w.policy.localSubsidy[r]! * f.workers[i]! * f.wageCents[i]!);
      f.cash[i] += subsidy;
      w.regions.govCash[r] -= subsidy;
      acc.tfm[T.subsidies + GOV] -= subsidy;
      acc.tfm[T.subsidies + FIRMS] += subsidy;
    }
    if (f.downUntil[i]! >= w.tick) continue;
    let output = Math.min(f.plannedOutput[i]!, f.capacity[i]!, f.workers[i]! * f.unitsPerWorker[i]!);
    for (let j = 0; j < S; j++) {
      const a = w.inputCoef[s * S + j]!;
      if (a > 0) output = Math.min(output, f.inputStock[i * S + j]! / a);
    }
    output = Math.floor(output);
    if (output <= 0) continue;
    for (let j = 0; j < S; j++) {
      const a = w.inputCoef[s * S + j]!;
      if (a <= 0) continue;
      const used = Math.round(a * output);
      f.inputStock[i * S + j] -= used;
      acc.goods[j * GOODS_STATS + GS.usedAsInput] += used;
    }
    const inputCents = output * f.inputCostPerUnit[i]!;
    f.inventory[i] += output;
    f.producedUnits[i] = output;
    acc.goods[s * GOODS_STATS + GS.produced] += output;
    const value = output * f.priceCents[i]!;
    const rb = r * REGION_STATS;
    acc.region[rb + RS.outputUnits] += output;
    acc.region[rb + RS.outputCents] += value;
    acc.region[rb + RS.inputCents] += inputCents;
    const sb = (r * S + s) * SECTOR_STATS;
    acc.sector[sb + SS.outputUnits] += output;
    acc.sector[sb + SS.outputCents] += value;
  }
}
