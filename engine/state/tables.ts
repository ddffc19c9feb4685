// The column schemas of every agent table: firms, households, carriers, shipments, regions.
// One table per agent kind; variants (sector, scale, mode, vehicle class) are u8 columns, not subclasses.
import { createColumns, type Columns } from './columns.js';

export const FIRM_COLUMNS = {
  id: 'i32', // stable id (a revived row gets a new id)
  alive: 'u8',
  region: 'i16',
  cell: 'i32',
  sector: 'u8',
  scale: 'u8',
  workers: 'i32',
  targetWorkers: 'i32', // > workers: vacancies; < workers: lay-offs due this tick
  wageCents: 'f64',
  priceCents: 'f64',
  inventory: 'f64', // finished units (integer-valued)
  capacity: 'f64', // units per tick at full staff
  unitsPerWorker: 'f64', // sector productivity × scale-class productivity
  cash: 'f64', // cents
  expectedSales: 'f64',
  salesUnits: 'f64', // this tick
  salesCents: 'f64', // this tick
  producedUnits: 'f64', // this tick
  plannedOutput: 'f64',
  normalOutput: 'f64', // slow average of planned output: the base of the surge limit (firms.surgeCapacity)
  inputCostPerUnit: 'f64', // last landed cost of inputs per unit of output, cents
  localInputCents: 'f64', // smoothed value of inputs bought within the local-content distance
  totalInputCents: 'f64',
  distressTicks: 'i32',
  downUntil: 'i32', // knocked out by a shock until this tick (inclusive); produces nothing
} as const;

export const HOUSEHOLD_COLUMNS = {
  region: 'i16',
  cell: 'i32',
  employer: 'i32', // firm row or -1
  cash: 'f64', // cents (national currency)
  localCash: 'f64', // cents of the regional complementary currency
  incomeCents: 'f64', // disposable income received this tick
  localPreference: 'f32',
  choiceBoost: 'f64', // weight multiplier on local sellers implied by localPreference (computed once)
  mobile: 'u8',
} as const;

export const CARRIER_COLUMNS = {
  region: 'i16', // base region (road and rail serve lanes from here; ships and planes serve any lane)
  vehicleClass: 'u8',
  mode: 'u8',
  capacityTonnes: 'f64',
  speedKmPerTick: 'f64',
  busyUntil: 'i32', // last tick of a multi-tick trip
  kmLeft: 'f64', // driving km left this tick
  cash: 'f64',
} as const;

export const SHIPMENT_COLUMNS = {
  status: 'u8', // 0 free, 1 queued, 2 in transit
  origin: 'i16',
  destination: 'i16',
  mode: 'u8',
  sector: 'u8',
  buyer: 'i32', // firm row, or -1 for the households of the destination region, -2 for its government
  units: 'f64',
  tonnes: 'f64',
  tonnesLeft: 'f64', // not yet loaded on a vehicle
  escrowCents: 'f64', // prepaid freight not yet paid to a carrier
  valueCents: 'f64', // value of the goods at the seller's price
  createdTick: 'i32',
  dueTick: 'i32', // arrival tick had it left at once
  arrivalTick: 'i32',
} as const;

export type FirmTable = Columns<typeof FIRM_COLUMNS> & {
  rows: number;
  /** Per firm × sector: input stock (units), units on order, current supplier row, supplier that last failed. */
  inputStock: Float64Array;
  onOrder: Float64Array;
  supplier: Int32Array;
  failedSupplier: Int32Array;
  /**
   * Per buyer region × firm, at [region * rows + firm]: stock set aside for that region this tick, and units and
   * cents sold there. Buyers touch only their own region's block, so regions can be served by different threads
   * without races (the result does not depend on who went first) and without sharing cache lines.
   */
  quota: Float64Array;
  soldUnits: Float64Array;
  soldCents: Float64Array;
  /** Per firm × buyer region, at [firm * R + region]: smoothed demand that sets next tick's split (firm-row kernels). */
  demandShare: Float64Array;
};
export type HouseholdTable = Columns<typeof HOUSEHOLD_COLUMNS> & { rows: number };
export type CarrierTable = Columns<typeof CARRIER_COLUMNS> & { rows: number };
export type ShipmentTable = Columns<typeof SHIPMENT_COLUMNS> & { rows: number; capacity: number };

const sharedF64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n)), 0, n);

export function createFirmTable(rows: number, sectors: number, regions: number): FirmTable {
  const n = rows * sectors;
  // A literal with spread, not Object.assign onto the columns: 33 properties added one by one left the table in
  // V8's dictionary mode, and every f.column access in the kernels became a hash lookup (a third of the tick).
  return {
    ...createColumns(FIRM_COLUMNS, rows),
    quota: sharedF64(rows * regions),
    soldUnits: sharedF64(rows * regions),
    soldCents: sharedF64(rows * regions),
    demandShare: sharedF64(rows * regions),
    rows,
    inputStock: new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n)), 0, n),
    onOrder: new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n)), 0, n),
    supplier: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)), 0, n).fill(-1),
    failedSupplier: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)), 0, n).fill(-1),
  };
}

export function createHouseholdTable(rows: number): HouseholdTable {
  return Object.assign(createColumns(HOUSEHOLD_COLUMNS, rows), { rows });
}

export function createCarrierTable(rows: number): CarrierTable {
  return Object.assign(createColumns(CARRIER_COLUMNS, rows), { rows });
}

export function createShipmentTable(capacity: number): ShipmentTable {
  return Object.assign(createColumns(SHIPMENT_COLUMNS, capacity), { rows: 0, capacity });
}

/** Grows the shipment pool (between phases only): doubles capacity, keeps rows in place. */
export function growShipments(old: ShipmentTable): ShipmentTable {
  const next = createShipmentTable(old.capacity * 2);
  for (const key of Object.keys(SHIPMENT_COLUMNS) as (keyof typeof SHIPMENT_COLUMNS)[]) {
    (next[key] as Float64Array).set(old[key] as Float64Array);
  }
  next.rows = old.rows;
  return next;
}
