// The whole state of a run: grid, routes, agent tables, per-region state, and per-tick accumulators.
// Everything is typed arrays, so it can be shared with workers and copied out for checkpoints.
import type { Scenario } from '../model/schema.js';
import type { Grid } from './grid.js';
import type { RouteTable } from '../transport/routes.js';
import type { FirmTable, HouseholdTable, CarrierTable, ShipmentTable } from './tables.js';
import type { CompiledPolicy } from '../policy/policy.js';
import type { Accumulators } from '../sim/accumulators.js';
import type { Markets } from '../systems/markets.js';

/** Per-region state that changes tick by tick. */
export interface RegionState {
  wageCents: Float64Array;
  govCash: Float64Array;
  /** Firm profits paid out, waiting to be shared equally by the region's households. */
  ownerPool: Float64Array;
  households: Int32Array;
  /** Household rows of region r are householdStart[r] .. householdStart[r + 1] (rows are grouped by region). */
  householdStart: Int32Array;
  /** Consecutive ticks with unmet demand above the entry threshold, per region × sector. */
  unmetTicks: Int32Array;
  /** Price index of last tick (1 = base prices): household purchases at current over base prices (regions table). */
  priceIndex: Float64Array;
  /**
   * CES price index of the varieties on offer this tick at their delivered (landed, iceberg-adjusted) cost, over base
   * prices, weighted by budget shares: prod_s (sum_i c_i^(1 - sigma))^(share_s / (1 - sigma)). Migration deflates by it.
   */
  varietyPriceIndex: Float64Array;
  /** Expected real income of a mobile household per region (an average over ticks), compared by migrants. */
  expectedRealWage: Float64Array;
  /** Consecutive ticks with enough idle mobile households to staff an entrant, per region (entryOnIdleLabour). */
  idleTicks: Int32Array;
  /** Cumulative consumption-weighted average price of each sector, per region × sector (cents). */
  meanPriceCents: Float64Array;
}

/** Per-tick policy values and shock effects, evaluated at the start of each tick. */
export interface PolicyState {
  /** Tariff rate region r charges on goods from region o, at [r * R + o]. */
  tariff: Float64Array;
  carbonTaxCentsPerKg: Float64Array;
  localContentShare: Float64Array;
  localContentKm: Float64Array;
  localSubsidy: Float64Array;
  benefitCents: Float64Array;
  incomeTaxRate: Float64Array;
  localCurrencyShare: Float64Array;
  injectionCents: Float64Array;
  freightMultiplier: Float64Array;
  /** Shock multipliers: freight rate by mode, fuel cost, demand by region × sector. */
  modeFreightShock: Float64Array;
  fuelShock: Float64Array;
  demandShock: Float64Array;
}

/** The chosen route for each (origin, destination) region pair this tick. */
export interface Lanes {
  mode: Int8Array; // -1 when unreachable
  km: Float64Array; // main-leg km
  accessKm: Float64Array; // drayage km (sea, air)
  transitTicks: Int32Array;
  costCentsPerTonne: Float64Array; // freight price incl. handling and carbon pass-through
  /** Road distance between region centres, for commuting and local-content rules. */
  roadKm: Float64Array;
}

export interface World {
  scenario: Scenario;
  seed: number;
  key: number;
  tick: number;
  grid: Grid;
  closed: Uint8Array;
  routes: RouteTable;
  R: number;
  S: number;
  firms: FirmTable;
  households: HouseholdTable;
  carriers: CarrierTable;
  shipments: ShipmentTable;
  regions: RegionState;
  policy: PolicyState;
  compiledPolicy: CompiledPolicy;
  lanes: Lanes;
  markets: Markets;
  acc: Accumulators;
  /** Money outside the modelled regions (fuel, tooling, exports, injections), cents; may go negative. */
  rowCash: Float64Array;
  /** Derived constants per sector and scale class (from the scenario). */
  sectorTonnes: Float64Array;
  sectorTradable: Uint8Array;
  sectorBudgetShare: Float64Array;
  sectorBasePrice: Float64Array;
  /** Input coefficients, sector × sector: units of input j per unit of output of sector s at [s * S + j]. */
  inputCoef: Float64Array;
  scaleFixedCost: Float64Array;
  scaleMaxWorkers: Int32Array;
  nextFirmId: number;
  /** Total money at creation: the books check holds the total to this, to the cent. */
  moneyAtStart: number;
  /** Cumulative goods that left the books legitimately, per sector (consumed, used, exported, destroyed). */
  goodsStockAtStart: Float64Array;
}
