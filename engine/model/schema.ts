// The scenario schema: every field a scenario file may hold, its type, range and default.
// Validated once at the edge (engine/model/load.ts); the engine trusts the frozen result.
import { z } from 'zod';

/** A policy number: a constant or a mathjs expression of the tick `t` (compiled once, see expressions.ts). */
export const Param = z.union([z.number(), z.string().min(1)]);
export type Param = z.infer<typeof Param>;

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const nonNegative = z.number().min(0);
const int = z.number().int();
const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, "-" or "_", starting with a letter');

export const MODES = ['road', 'rail', 'sea', 'air'] as const;
export type ModeName = (typeof MODES)[number];

export const RegionSpec = z.strictObject({
  name,
  /** Centre cell [x, y]; when absent the generator places it from the seed. */
  centre: z.tuple([int.min(0), int.min(0)]).optional(),
  /** Land radius around the centre, in cells: regions whose discs touch form one land mass. */
  radiusCells: positive.default(12),
  /** Share of all households living here. */
  populationShare: positive,
  /**
   * Share of the mobile households living here at the start. When any region sets it, populationShare places the
   * immobile households and this the mobile ones (a core-periphery starting split that leaves the farmers put).
   */
  mobilePopulationShare: nonNegative.optional(),
  port: z.boolean().default(false),
  airport: z.boolean().default(false),
  rail: z.boolean().default(true),
  /** Hub regions host the large plants of groups placed with `regions: hub`. */
  hub: z.boolean().default(false),
});

export const GridSpec = z.strictObject({
  width: int.min(4).max(4096),
  height: int.min(4).max(4096),
  cellKm: positive.default(10),
  /** Optional grid file (JSON, see docs/scenario-format.md), relative to the scenario file. Overrides generation. */
  file: z.string().optional(),
  /** Amplitude of the seeded noise on coastlines, in cells. */
  coastNoiseCells: nonNegative.default(2),
});

export const SectorSpec = z.strictObject({
  name,
  /** Non-tradable sectors (services) are bought only from firms in the buyer's region. */
  tradable: z.boolean().default(true),
  tonnesPerUnit: nonNegative,
  /** Whether iceberg losses (transport.icebergPer1000Km) apply to it: Krugman's agriculture trades freely (false). */
  iceberg: z.boolean().default(true),
  /** Share of household consumption spending on this sector (shares are normalised to sum to 1). */
  budgetShare: nonNegative,
  /** Units of each input sector used per unit of output (Leontief). */
  inputs: z.record(z.string(), nonNegative).default({}),
  basePriceCents: int.min(1),
  /** Units one worker makes per tick at productivity 1 (a scale class multiplies it). */
  unitsPerWorker: positive,
});

export const ScaleSpec = z.strictObject({
  name,
  /** Multiplies the sector's units per worker: large plants are more productive (economies of scale). */
  productivity: positive,
  /** Fixed cost per tick (tooling, premises), cents, paid to the rest of the world. */
  fixedCostCents: int.min(0),
  maxWorkers: int.min(1),
  initialWorkers: int.min(0),
  /**
   * Krugman's fixed firm size: firms of this scale always aim for maxWorkers and produce at capacity, so the number of
   * firms (varieties) follows the workforce and prices, not output, clear the market.
   */
  fixedStaff: z.boolean().default(false),
  /** Who receives the profits: households of the firm's region (local) or of all regions by population (global). */
  ownership: z.enum(['local', 'global']).default('local'),
});

export const FirmGroupSpec = z.strictObject({
  sector: name,
  scale: name,
  share: positive,
  /** Where the group's firms are placed: all regions (by population), hub regions, or a list of region names. */
  regions: z.union([z.enum(['all', 'hub', 'nonhub']), z.array(name).min(1)]).default('all'),
});

export const FirmsSpec = z.strictObject({
  count: int.min(1),
  groups: z.array(FirmGroupSpec).min(1),
  /** Extra empty rows kept for entrants, as a share of `count`. */
  spareShare: share.default(0.1),
  initialCashTicksOfWages: nonNegative.default(8),
  markup: nonNegative.default(0.15),
  /** Ticks of expected sales a firm aims to hold as finished goods. */
  targetInventoryTicks: nonNegative.default(1),
  /** Ticks of input use a firm aims to hold as input stock. */
  targetInputTicks: nonNegative.default(2),
  /** Weight of the past in adaptive demand expectations (0 = only last tick). */
  expectationMemory: share.default(0.6),
  /** Largest share of its workforce a firm lays off in one tick. */
  maxFireShare: share.default(0.2),
  /**
   * Surge (overproduction) capacity: a firm plans at most (1 + surgeCapacity) x its normal output, a slow average of
   * its planned output (normalOutputMemory), so it cannot scale up at once to take over a lost supplier's demand
   * (Hallegatte 2008 ARIO, overproduction up to 25%; Colon et al. 2021, capacity = initial output / 0.8 utilisation).
   * Unset = no limit but capacity.
   */
  surgeCapacity: nonNegative.optional(),
  /** Weight of the past in a firm's normal output (per tick), the base of the surge limit; frozen while knocked out. */
  normalOutputMemory: share.default(0.95),
  /** Ticks in a row with cash below minus `overdraftTicksOfWages` wage bills before a firm exits. */
  exitAfterTicks: int.min(1).default(6),
  overdraftTicksOfWages: nonNegative.default(8),
  /** Unmet demand (share of a region-sector market) for this many ticks triggers an entrant. */
  entryUnmetShare: share.default(0.1),
  entryAfterTicks: int.min(1).default(4),
  /**
   * Free entry on idle labour (core-periphery): where unemployed mobile households could staff a firm for
   * entryAfterTicks ticks, closed rows reopen as firms of households.mobileSector there (needs mobileSector).
   */
  entryOnIdleLabour: z.boolean().default(false),
  /** A firm with fewer workers than this for exitAfterTicks ticks closes (a variety needs a minimum staff); 0 = off. */
  minWorkers: int.min(0).default(0),
  /** Input suppliers are compared on landed cost among this many candidates. */
  supplierCandidates: int.min(1).max(64).default(8),
  /** How wages are set: posted regional wage, or all revenue net of costs shared among workers (Krugman). */
  wageRule: z.enum(['posted', 'revenue-share']).default('posted'),
});

export const HouseholdsSpec = z.strictObject({
  count: int.min(1),
  initialCashCents: int.min(0),
  /** Share of each region's households employed at the start (firms' initial staff is scaled to it). */
  initialEmployment: share.default(0.9),
  /** Propensity to consume out of disposable income (Godley–Lavoie alpha1). */
  consumeFromIncome: share.default(0.8),
  /** Propensity to consume out of wealth (alpha2). */
  consumeFromWealth: share.default(0.1),
  /** Mean preference for buying in the home region: the perceived-price discount on local sellers. */
  localPreference: share.default(0),
  localPreferenceSpread: share.default(0.1),
  /** Seller choice: logit on relative perceived price (sensitivity) or CES (sigma, logit on log price). */
  choice: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('logit'), sensitivity: positive.default(8) }),
      z.strictObject({ kind: z.literal('ces'), sigma: z.number().gt(1) }),
    ])
    .default({ kind: 'logit', sensitivity: 8 }),
  /** Households consider this many sellers per purchase (drawn in proportion to choice weights). */
  commutingRadiusKm: nonNegative.default(60),
  /** Share of households that may migrate between regions toward a higher real wage (core-periphery). */
  mobileShare: share.default(0),
  /**
   * Krugman's split of labour: mobile households work only for firms of this sector (manufacturing workers) and
   * the others only for firms of other sectors (farmers). Unset: anyone takes any job in their region.
   */
  mobileSector: z.string().optional(),
  /** Per-tick probability scale of migrating, multiplied by the relative real-wage gap (the gap counts at most 1). */
  migrationRate: nonNegative.default(0),
  /** Weight of the past in the expected real income per region that would-be migrants compare (0 = this tick's). */
  migrationMemory: share.default(0.8),
  /** No one migrates before this tick (the expected real incomes are kept from the start): the starting state settles. */
  migrationFromTick: int.min(0).default(0),
  /**
   * How the chance to move scales. gap: rate x relative real-wage gap, for every mobile household of a worse-off region
   * (so, for the same gap, a larger region sends more). replicator: the same times the destination's share of the
   * mobile households, giving Fujita, Krugman & Venables' (1999, ch. 5) dynamics d(lambda)/dt = rate x lambda x
   * (1 - lambda) x relative gap, symmetric in the two regions' sizes.
   */
  migrationDynamics: z.enum(['gap', 'replicator']).default('gap'),
  /**
   * Movers compare expected real incomes (Harris-Todaro): the real wage of a region's employed mobile households times
   * the share of its mobile households employed, so a region whose arrivals wait for jobs looks less attractive.
   */
  migrationExpectsIdle: z.boolean().default(false),
});

export const LabourSpec = z.strictObject({
  baseWageCents: int.min(1),
  /** Wage response per tick to the regional vacancy rate minus the unemployment rate gap. */
  wageFlexibility: nonNegative.default(0.02),
  /** Unemployment rate at which the regional wage is stable. */
  naturalUnemployment: share.default(0.05),
});

export const ModeSpec = z.strictObject({
  /** Freight price charged to shippers per tonne-km, cents (before carbon-tax pass-through). */
  rateCentsPerTkm: nonNegative,
  /** Handling charge per tonne per shipment (loading, port fees), cents. */
  handlingCentsPerTonne: nonNegative.default(0),
  enabled: z.boolean().default(true),
});

export const VehicleClassSpec = z.strictObject({
  name,
  mode: z.enum(MODES),
  /** Factor id from engine/transport/emission-factors.ts (DESNZ 2025). */
  factor: z.string(),
  capacityTonnes: positive,
  /** Load (share of capacity) at which the DESNZ per-tonne-km factor holds. */
  referenceLoad: share.default(0.6),
  speedKmPerTick: positive,
  /** Fuel and running cost per vehicle-km, cents (paid to the rest of the world). */
  costCentsPerKm: nonNegative,
  /**
   * dedicated: the shipper hires the whole vehicle, so CO2e and fuel are per vehicle-km and empty space is theirs
   * (part-empty trips emit more per tonne-km). scheduled: a liner service (ships, planes) that sails anyway with
   * others' cargo; CO2e and fuel are allocated by tonne-km at the class factor, as GLEC / ISO 14083 do.
   */
  service: z.enum(['dedicated', 'scheduled']).default('dedicated'),
  /** A vehicle leaves only this full (share of capacity), unless its oldest shipment has waited `maxWaitTicks`. */
  departAtLoad: share.default(0),
});

export const CarrierGroupSpec = z.strictObject({
  vehicleClass: name,
  share: positive,
  regions: z.union([z.enum(['all', 'hub', 'nonhub']), z.array(name).min(1)]).default('all'),
});

export const TransportSpec = z.strictObject({
  emissionsBasis: z.enum(['ttw', 'wtw']).default('ttw'),
  modes: z.strictObject({
    road: ModeSpec,
    rail: ModeSpec,
    sea: ModeSpec,
    air: ModeSpec,
  }),
  vehicleClasses: z.array(VehicleClassSpec).min(1),
  carriers: z.strictObject({ count: int.min(0), groups: z.array(CarrierGroupSpec) }),
  /** Longest a shipment waits for a fuller vehicle (see vehicle classes' departAtLoad), ticks. */
  maxWaitTicks: int.min(0).default(1),
  /** Share of freight rates that is fuel: a fuel-price shock raises rates by this share of its rise. */
  fuelShareOfRate: share.default(0.35),
  /** Share of a good lost in transit per 1000 km (iceberg cost, Krugman; a lane loses at most 0.99); 0 for none. */
  icebergPer1000Km: nonNegative.default(0),
});

export const PolicyValues = z.strictObject({
  /** Ad-valorem tariff on goods bought from another region (share of value). */
  tariff: Param.optional(),
  /** Tariffs by origin region, overriding `tariff` for goods from that region: { overseas: 0.2 }. */
  tariffFrom: z.record(z.string(), Param).optional(),
  /** Carbon tax per tonne CO2e on freight, in currency units (100 cents). */
  carbonTaxPerTonne: Param.optional(),
  /** Minimum share of firms' input value sourced within `localContentKm`. */
  localContentShare: Param.optional(),
  localContentKm: Param.optional(),
  /** Subsidy to firms of the `localSubsidyScale` class, as a share of their wage bill. */
  localSubsidy: Param.optional(),
  unemploymentBenefitCents: Param.optional(),
  incomeTaxRate: Param.optional(),
  /** Share of wages and benefits paid in a regional currency spendable only in the region. */
  localCurrencyShare: Param.optional(),
  /** Money created each tick and spent by the regional government on local services (an explicit injection). */
  injectionCentsPerTick: Param.optional(),
  /** Multiplies every freight rate (fuel or cost shock scenarios set it through shocks or expressions). */
  freightCostMultiplier: Param.optional(),
});

export const PolicySpec = PolicyValues.extend({
  localSubsidyScale: name.optional(),
  /** Per-region overrides of any policy value. */
  regions: z.record(z.string(), PolicyValues).default({}),
});

const ShockBase = { start: int.min(0), duration: int.min(1).default(1_000_000) };
export const ShockSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('port-closure'), region: name, ...ShockBase }),
  z.strictObject({
    kind: z.literal('cell-closure'),
    /** Rectangles [x0, y0, x1, y1] (inclusive) closed to every mode. */
    rects: z.array(z.tuple([int, int, int, int])).min(1),
    ...ShockBase,
  }),
  z.strictObject({ kind: z.literal('firm-knockout'), region: name, sector: name, share, ...ShockBase }),
  z.strictObject({ kind: z.literal('freight-cost'), multiplier: positive, modes: z.array(z.enum(MODES)).optional(), ...ShockBase }),
  z.strictObject({ kind: z.literal('fuel-price'), multiplier: positive, ...ShockBase }),
  z.strictObject({ kind: z.literal('demand'), sector: name, multiplier: nonNegative, region: name.optional(), ...ShockBase }),
]);

export const GovernmentSpec = z.strictObject({
  /** Share of its cash a regional government spends each tick on goods and services bought in its region. */
  spendRate: share.default(0.5),
  /** Start-up capital a government lends an entrant, in ticks of the regional wage times the entrant's staff. */
  entrantCapitalTicksOfWages: nonNegative.default(4),
  /**
   * Borrowing limit of a regional government, in ticks of its region's wage bill at the base wage (households x
   * labour.baseWageCents). Unemployment benefits are paid only out of its cash plus this limit: when that falls short
   * of the full benefit for every possible claimant, all claimants get the same smaller benefit. Unset: no limit
   * (benefits are always paid in full, from an unbounded deficit).
   */
  borrowingLimitTicksOfWages: nonNegative.optional(),
});

export const RestOfWorldSpec = z.strictObject({
  /** Share of its cash (fuel, tooling, fixed costs received) the rest of the world spends on exports each tick. */
  spendRate: share.default(0.3),
});

export const OutputSpec = z.strictObject({
  /** Write firms.arrow with a snapshot every k ticks (0 = never). */
  firmsEvery: int.min(0).default(0),
  /** Ticks per Arrow record batch. */
  batchTicks: int.min(1).default(13),
});

export const ScenarioSpec = z.strictObject({
  $schema: z.string().optional(),
  name,
  description: z.string().default(''),
  ticks: int.min(1).max(100_000),
  seed: int.min(0).default(1),
  grid: GridSpec,
  regions: z.array(RegionSpec).min(1).max(4096),
  sectors: z.array(SectorSpec).min(1).max(32),
  scales: z.array(ScaleSpec).min(1).max(16),
  firms: FirmsSpec,
  households: HouseholdsSpec,
  labour: LabourSpec,
  transport: TransportSpec,
  government: GovernmentSpec.default({ spendRate: 0.5, entrantCapitalTicksOfWages: 4 }),
  restOfWorld: RestOfWorldSpec.default({ spendRate: 0.3 }),
  policy: PolicySpec.default({ regions: {} }),
  shocks: z.array(ShockSpec).default([]),
  output: OutputSpec.default({ firmsEvery: 0, batchTicks: 13 }),
});

export type ScenarioInput = z.input<typeof ScenarioSpec>;
export type Scenario = z.output<typeof ScenarioSpec>;
export type RegionSpec = z.output<typeof RegionSpec>;
export type SectorSpec = z.output<typeof SectorSpec>;
export type ScaleSpec = z.output<typeof ScaleSpec>;
export type ShockSpec = z.output<typeof ShockSpec>;
export type VehicleClassSpec = z.output<typeof VehicleClassSpec>;
export type PolicyValues = z.output<typeof PolicyValues>;
export type GridSpec = z.output<typeof GridSpec>;
