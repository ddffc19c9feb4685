// createWorld(scenario, seed): the one place that turns a frozen scenario into agent columns.
// Placement is seeded: firms by group and region, households by population, carriers by class and region.
import { dirname } from 'node:path';
import type { Scenario } from '../model/schema.js';
import { MODES } from '../model/schema.js';
import type { World } from './world.js';
import { createGrid } from './grid.js';
import { computeRoutes } from '../transport/routes.js';
import { createFirmTable, createHouseholdTable, createCarrierTable, createShipmentTable } from './tables.js';
import { compilePolicy, createPolicyState } from '../policy/policy.js';
import { createLanes } from '../transport/lanes.js';
import { createMarkets, localBoost } from '../systems/markets.js';
import { mobileSectorIndex } from '../systems/households.js';
import { createAccumulators } from '../sim/accumulators.js';
import { draw, runKey, Purpose } from '../sim/rng.js';

export function createWorld(scenario: Scenario, seed: number, scenarioFile?: string): World {
  const s = scenario;
  const R = s.regions.length;
  const S = s.sectors.length;
  const key = runKey(seed);
  const grid = createGrid(s.grid, s.regions as Scenario['regions'], seed, scenarioFile ? dirname(scenarioFile) : undefined);
  const closed = new Uint8Array(grid.width * grid.height);
  const sectorIndex = (name: string) => s.sectors.findIndex((x) => x.name === name);
  const inputCoef = new Float64Array(S * S);
  s.sectors.forEach((sec, i) => {
    for (const [input, a] of Object.entries(sec.inputs)) inputCoef[i * S + sectorIndex(input)] = a;
  });
  const shareSum = s.sectors.reduce((sum, x) => sum + x.budgetShare, 0);
  const firmRows = s.firms.count + Math.ceil(s.firms.count * s.firms.spareShare);
  const w: World = {
    scenario: s,
    seed,
    key,
    tick: 0,
    grid,
    closed,
    routes: computeRoutes(grid, closed),
    R,
    S,
    firms: createFirmTable(firmRows, S, R),
    households: createHouseholdTable(s.households.count),
    carriers: createCarrierTable(s.transport.carriers.count),
    shipments: createShipmentTable(Math.max(1024, s.firms.count * S)),
    regions: {
      wageCents: new Float64Array(R).fill(s.labour.baseWageCents),
      govCash: new Float64Array(R),
      ownerPool: new Float64Array(R),
      households: new Int32Array(R),
      householdStart: new Int32Array(R + 1),
      unmetTicks: new Int32Array(R * S),
      priceIndex: new Float64Array(R).fill(1),
      varietyPriceIndex: new Float64Array(R).fill(1),
      idleTicks: new Int32Array(R),
      expectedRealWage: new Float64Array(R),
      meanPriceCents: new Float64Array(R * S),
    },
    policy: createPolicyState(R, S),
    compiledPolicy: compilePolicy(s),
    lanes: createLanes(R),
    markets: createMarkets(R, S, firmRows),
    acc: createAccumulators(R, S, s.transport.vehicleClasses.length),
    rowCash: new Float64Array(1),
    sectorTonnes: Float64Array.from(s.sectors, (x) => x.tonnesPerUnit),
    sectorTradable: Uint8Array.from(s.sectors, (x) => (x.tradable ? 1 : 0)),
    sectorBudgetShare: Float64Array.from(s.sectors, (x) => x.budgetShare / shareSum),
    sectorBasePrice: Float64Array.from(s.sectors, (x) => x.basePriceCents),
    inputCoef,
    scaleFixedCost: Float64Array.from(s.scales, (x) => x.fixedCostCents),
    scaleMaxWorkers: Int32Array.from(s.scales, (x) => x.maxWorkers),
    nextFirmId: 0,
    moneyAtStart: 0,
    goodsStockAtStart: new Float64Array(S),
  };
  placeHouseholds(w);
  placeFirms(w);
  placeCarriers(w);
  employInitialStaff(w);
  return w;
}

/** Regions a group may use: all, hub, non-hub, or named. */
function regionsFor(s: Scenario, spec: 'all' | 'hub' | 'nonhub' | readonly string[]): number[] {
  return s.regions
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => spec === 'all' || (spec === 'hub' ? r.hub : spec === 'nonhub' ? !r.hub : spec.includes(r.name)))
    .map(({ i }) => i);
}

/** Splits n items over weights with largest remainders (exact total, deterministic). */
export function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((x) => (total > 0 ? (n * x) / total : 0));
  const out = exact.map(Math.floor);
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ frac: x - Math.floor(x), i })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]!++;
  return out;
}

/** Cumulative population weight over each region's cells (cellsOfRegion order), for placement draws. */
function cumulativeWeights(w: World): Float64Array {
  const g = w.grid;
  const cum = new Float64Array(g.cellsOfRegion.length);
  for (let r = 0; r < w.R; r++) {
    let total = 0;
    for (let k = g.regionCellStart[r]!; k < g.regionCellStart[r + 1]!; k++) cum[k] = total += g.popWeight[g.cellsOfRegion[k]!]!;
  }
  return cum;
}

/** A population-weighted cell of region r: the first cell whose cumulative weight reaches the draw (binary search). */
function randomCell(w: World, cum: Float64Array, r: number, salt: number, id: number): number {
  const g = w.grid;
  let lo = g.regionCellStart[r]!;
  let hi = g.regionCellStart[r + 1]! - 1;
  const u = draw(w.key, Purpose.Placement, salt, id) * cum[hi]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! >= u) hi = mid;
    else lo = mid + 1;
  }
  return g.cellsOfRegion[lo]!;
}

function placeHouseholds(w: World): void {
  const s = w.scenario;
  const h = w.households;
  const { localPreference: mean, localPreferenceSpread: spread, initialCashCents, mobileShare } = s.households;
  const cum = cumulativeWeights(w);
  // Mobile households placed apart (mobilePopulationShare): each region's rows are its immobile, then mobile ones.
  const apart = s.regions.some((r) => r.mobilePopulationShare !== undefined);
  let mobileTotal = 0;
  if (apart) for (let i = 0; i < h.rows; i++) if (draw(w.key, Purpose.Migration, -1, i) < mobileShare) mobileTotal++;
  const mobileCounts = apart ? apportion(mobileTotal, s.regions.map((r) => r.mobilePopulationShare ?? r.populationShare)) : [];
  const counts = apart
    ? apportion(h.rows - mobileTotal, s.regions.map((r) => r.populationShare)).map((n, r) => n + mobileCounts[r]!)
    : apportion(h.rows, s.regions.map((r) => r.populationShare));
  let i = 0;
  counts.forEach((n, r) => {
    w.regions.households[r] = n;
    w.regions.householdStart[r + 1] = w.regions.householdStart[r]! + n;
    for (let k = 0; k < n; k++, i++) {
      h.region[i] = r;
      h.cell[i] = randomCell(w, cum, r, 1, i);
      h.employer[i] = -1;
      h.cash[i] = initialCashCents;
      const pref = mean + spread * (2 * draw(w.key, Purpose.Preference, 0, i) - 1);
      h.localPreference[i] = Math.max(0, Math.min(1, pref));
      h.choiceBoost[i] = localBoost(w, h.localPreference[i]!);
      h.mobile[i] = apart ? (k >= n - mobileCounts[r]! ? 1 : 0) : draw(w.key, Purpose.Migration, -1, i) < mobileShare ? 1 : 0;
    }
  });
}

function placeFirms(w: World): void {
  const s = w.scenario;
  const f = w.firms;
  const groupCounts = apportion(s.firms.count, s.firms.groups.map((g) => g.share));
  const cum = cumulativeWeights(w);
  let i = 0;
  s.firms.groups.forEach((g, gi) => {
    const regions = regionsFor(s, g.regions);
    // Firms of the mobile households' sector start where those households do (mobilePopulationShare, if set).
    const mobileGroup = g.sector === s.households.mobileSector;
    const perRegion = apportion(groupCounts[gi]!, regions.map((r) => (mobileGroup ? s.regions[r]!.mobilePopulationShare : undefined) ?? s.regions[r]!.populationShare));
    const sector = s.sectors.findIndex((x) => x.name === g.sector);
    const scale = s.scales.findIndex((x) => x.name === g.scale);
    const spec = s.scales[scale]!;
    regions.forEach((r, k) => {
      for (let n = 0; n < perRegion[k]!; n++, i++) {
        f.id[i] = w.nextFirmId++;
        f.alive[i] = 1;
        f.region[i] = r;
        f.cell[i] = randomCell(w, cum, r, 2, i);
        f.sector[i] = sector;
        f.scale[i] = scale;
        f.wageCents[i] = s.labour.baseWageCents;
        f.priceCents[i] = s.sectors[sector]!.basePriceCents;
        f.unitsPerWorker[i] = s.sectors[sector]!.unitsPerWorker * spec.productivity;
        f.capacity[i] = f.unitsPerWorker[i]! * spec.maxWorkers;
        f.targetWorkers[i] = spec.initialWorkers;
        f.expectedSales[i] = f.unitsPerWorker[i]! * spec.initialWorkers;
        f.plannedOutput[i] = f.expectedSales[i]!;
        f.normalOutput[i] = f.plannedOutput[i]!;
        f.inventory[i] = Math.round(f.expectedSales[i]! * s.firms.targetInventoryTicks);
        f.cash[i] = Math.round(s.firms.initialCashTicksOfWages * s.labour.baseWageCents * Math.max(1, spec.initialWorkers));
        f.downUntil[i] = -1;
        for (let j = 0; j < w.S; j++) {
          f.inputStock[i * w.S + j] = Math.ceil(w.inputCoef[sector * w.S + j]! * f.expectedSales[i]! * Math.max(1, s.firms.targetInputTicks));
        }
      }
    });
  });
  // Rows beyond `count` stay closed (alive = 0), ready for entrants.
}

function placeCarriers(w: World): void {
  const s = w.scenario;
  const c = w.carriers;
  const groupCounts = apportion(c.rows, s.transport.carriers.groups.map((g) => g.share));
  let k = 0;
  s.transport.carriers.groups.forEach((g, gi) => {
    const regions = regionsFor(s, g.regions);
    const perRegion = apportion(groupCounts[gi]!, regions.map((r) => s.regions[r]!.populationShare));
    const cls = s.transport.vehicleClasses.findIndex((v) => v.name === g.vehicleClass);
    const spec = s.transport.vehicleClasses[cls]!;
    regions.forEach((r, idx) => {
      for (let n = 0; n < perRegion[idx]!; n++, k++) {
        c.region[k] = r;
        c.vehicleClass[k] = cls;
        c.mode[k] = MODES.indexOf(spec.mode);
        c.capacityTonnes[k] = spec.capacityTonnes;
        c.speedKmPerTick[k] = spec.speedKmPerTick;
        c.busyUntil[k] = -1;
      }
    });
  });
}

/**
 * Initial staff: each region's firms are scaled so that about `initialEmployment` of its households have a job
 * (within each firm's maximum), then each firm takes households of its region in row order.
 */
function employInitialStaff(w: World): void {
  const f = w.firms;
  const h = w.households;
  // With mobileSector set, a firm of that sector hires mobile households only and other firms immobile ones:
  // staff is scaled within each (region, group).
  const ms = mobileSectorIndex(w.scenario);
  const groups = ms >= 0 ? 2 : 1;
  const groupOf = (i: number) => (ms >= 0 && f.sector[i] === ms ? 1 : 0);
  const jobs = new Float64Array(w.R * groups);
  const people = new Float64Array(w.R * groups);
  for (let i = 0; i < f.rows; i++) if (f.alive[i] !== 0) jobs[f.region[i]! * groups + groupOf(i)] += f.targetWorkers[i]!;
  for (let i = 0; i < h.rows; i++) people[h.region[i]! * groups + (groups > 1 ? h.mobile[i]! : 0)]++;
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] === 0) continue;
    const r = f.region[i]!;
    const k = r * groups + groupOf(i);
    const scale = (w.scenario.households.initialEmployment * people[k]!) / Math.max(1, jobs[k]!);
    const staff = Math.max(1, Math.min(w.scaleMaxWorkers[f.scale[i]!]!, Math.floor(f.targetWorkers[i]! * scale)));
    f.targetWorkers[i] = staff;
    f.expectedSales[i] = f.unitsPerWorker[i]! * staff;
    f.plannedOutput[i] = f.expectedSales[i]!;
    f.normalOutput[i] = f.plannedOutput[i]!;
    f.inventory[i] = Math.round(f.expectedSales[i]! * w.scenario.firms.targetInventoryTicks);
    for (let j = 0; j < w.S; j++) {
      f.inputStock[i * w.S + j] = Math.ceil(w.inputCoef[f.sector[i]! * w.S + j]! * f.expectedSales[i]! * Math.max(1, w.scenario.firms.targetInputTicks));
    }
  }
  const next = new Int32Array(w.R * groups);
  const firstOfRegion = new Int32Array(w.R + 1).fill(-1);
  for (let i = h.rows - 1; i >= 0; i--) firstOfRegion[h.region[i]!] = i;
  for (let r = 0; r < w.R; r++) for (let g = 0; g < groups; g++) next[r * groups + g] = firstOfRegion[r]!;
  for (let i = 0; i < f.rows; i++) {
    if (f.alive[i] === 0) continue;
    const r = f.region[i]!;
    const g = groupOf(i);
    const k = r * groups + g;
    let hired = 0;
    while (hired < f.targetWorkers[i]! && next[k]! >= 0 && next[k]! < h.rows && h.region[next[k]!] === r) {
      if (groups === 1 || h.mobile[next[k]!] === g) {
        h.employer[next[k]!] = i;
        hired++;
      }
      next[k]++;
    }
    f.workers[i] = hired;
  }
}
