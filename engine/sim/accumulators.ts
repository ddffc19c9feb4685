// Per-tick accumulators that the kernels add to and the recorder turns into output rows; zeroed every tick.
// Named offsets into flat Float64Arrays keep the kernels free of objects and maps.

/** Per-region statistics, at [region * REGION_STATS + stat]. */
export const RS = {
  outputCents: 0,
  outputUnits: 1,
  inputCents: 2, // inputs used in production, at landed cost
  consumptionCents: 3, // household spending on goods and services (ex freight and tariffs)
  consumptionUnits: 4, // units delivered to households
  purchasesCents: 5, // household, government and firm purchases by value, by buyer region
  localPurchasesCents: 6,
  overseasPurchasesCents: 7, // bought from another land mass (sea or air)
  freightTkm: 8, // by destination region (the demand that caused the freight)
  co2eKg: 9,
  wagesCents: 10,
  unmetCents: 11,
  bankruptcies: 12,
  delaySum: 13,
  deliveries: 14,
  entries: 15,
  baseCostCents: 16, // household purchases valued at base prices (for the price index)
  incomeCents: 17, // household disposable income
  fixedCostCents: 18,
  householdCashCents: 19, // cash + local cash of the region's households after the households phase (books check)
  householdCashBeforeCents: 20, // the same before the phase: must equal the books' total (nothing else moves it)
  employed: 21, // households with a job after the households phase, less employed migrants (who leave their job)
} as const;
export const REGION_STATS = 22;

/** Per region × sector statistics, at [(region * S + sector) * SECTOR_STATS + stat]. */
export const SS = {
  outputUnits: 0,
  outputCents: 1,
  purchasesCents: 2,
  localPurchasesCents: 3,
  unmetCents: 4,
  salesUnits: 5,
  demandCents: 6, // household budget aimed at this sector
} as const;
export const SECTOR_STATS = 7;

/** Per (origin, destination, vehicle class) freight, at [((o * R + d) * (V + 1) + v) * FLOW_STATS + stat]; v = V is drayage. */
export const FS = { tonnes: 0, tkm: 1, vehicleKm: 2, co2eKg: 3, valueCents: 4, trips: 5 } as const;
export const FLOW_STATS = 6;

/** Transaction-flow matrix: rows are kinds of payment, columns institutional sectors; each row sums to zero. */
export const TFM_ROWS = [
  'consumption',
  'government_purchases',
  'input_purchases',
  'wages',
  'income_tax',
  'benefits',
  'subsidies',
  'dividends',
  'tariffs',
  'carbon_tax',
  'freight',
  'fuel',
  'fixed_costs',
  'exports',
  'injection',
  'local_currency',
  'firm_exit',
  'change_in_money',
] as const;
export const TFM_COLUMNS = ['households', 'firms', 'carriers', 'governments', 'rest_of_world'] as const;
export const T = Object.fromEntries(TFM_ROWS.map((r, i) => [r, i * TFM_COLUMNS.length])) as Record<(typeof TFM_ROWS)[number], number>;
export const HH = 0, FIRMS = 1, CARRIERS = 2, GOV = 3, ROW = 4;

/** Per-sector goods flows of the tick, at [sector * GOODS_STATS + stat]: the goods books. */
export const GS = { produced: 0, consumed: 1, usedAsInput: 2, exported: 3, destroyed: 4, governmentUse: 5 } as const;
export const GOODS_STATS = 6;

export interface Accumulators {
  region: Float64Array;
  sector: Float64Array;
  flow: Float64Array;
  tfm: Float64Array;
  goods: Float64Array;
  vehicleClasses: number;
}

export function createAccumulators(R: number, S: number, V: number): Accumulators {
  return {
    region: new Float64Array(R * REGION_STATS),
    sector: new Float64Array(R * S * SECTOR_STATS),
    flow: new Float64Array(R * R * (V + 1) * FLOW_STATS),
    tfm: new Float64Array(TFM_ROWS.length * TFM_COLUMNS.length),
    goods: new Float64Array(S * GOODS_STATS),
    vehicleClasses: V,
  };
}

export function resetAccumulators(acc: Accumulators): void {
  acc.region.fill(0);
  acc.sector.fill(0);
  acc.flow.fill(0);
  acc.tfm.fill(0);
  acc.goods.fill(0);
}

/** Records a payment of `cents` from column `from` to column `to` in TFM row `row`. */
export function tfm(acc: Accumulators, row: number, from: number, to: number, cents: number): void {
  acc.tfm[row + from] -= cents;
  acc.tfm[row + to] += cents;
}
