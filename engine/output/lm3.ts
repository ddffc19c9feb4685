// NEF's local multiplier (LM3) per region and tick, traced through the books: who paid whom, in which region.
// The systems report the few payments that need a payer and a payee region (hooks below); regions.arrow's LM3 columns.
import type { World } from '../state/world.js';
import { RS, REGION_STATS } from '../sim/accumulators.js';
import { f64, type ColumnDef } from './table-writer.js';

/**
 * Per-region trace slots, at [region * TRACE_STATS + slot]. Every hook runs in a serial phase (orders, government,
 * settle), so the trace lives on the main thread beside the world and never races with the parallel kernels.
 */
const TR = {
  governmentCents: 0, // the region's government, paid to sellers anywhere
  governmentLocalCents: 1, // ... to sellers in the region
  inputCents: 2, // the region's firms buying inputs, anywhere
  localInputCents: 3, // ... from firms in the region
  dividendCents: 4, // paid out by the region's firms, to owners anywhere
  localDividendCents: 5, // ... to owners living in the region
  inflowCents: 6, // paid into the region (inputs bought from its firms, dividends to its owners) by other regions' firms
} as const;
const TRACE_STATS = 7;

interface Trace {
  slots: Float64Array;
  /** Firm id per row when the row was last recorded alive (-1 otherwise): whose salesCents are this tick's. */
  recordedId: Int32Array;
}

const traces = new WeakMap<World, Trace>();

function traceOf(w: World): Trace {
  let t = traces.get(w);
  if (!t) {
    const recordedId = new Int32Array(w.firms.rows).fill(-1);
    for (let i = 0; i < w.firms.rows; i++) if (w.firms.alive[i] !== 0) recordedId[i] = w.firms.id[i]!;
    t = { slots: new Float64Array(w.R * TRACE_STATS), recordedId };
    traces.set(w, t);
  }
  return t;
}

/** Hook (orders): a firm of `buyerRegion` paid `cents` for inputs to a firm of `sellerRegion`. */
export function traceInputPurchase(w: World, buyerRegion: number, sellerRegion: number, cents: number): void {
  const s = traceOf(w).slots;
  s[buyerRegion * TRACE_STATS + TR.inputCents] += cents;
  if (buyerRegion === sellerRegion) s[buyerRegion * TRACE_STATS + TR.localInputCents] += cents;
  else s[sellerRegion * TRACE_STATS + TR.inflowCents] += cents;
}

/** Hook (government): the government of `region` paid `cents` to sellers, `localCents` of it to sellers in the region. */
export function traceGovernmentPurchase(w: World, region: number, cents: number, localCents: number): void {
  const s = traceOf(w).slots;
  s[region * TRACE_STATS + TR.governmentCents] += cents;
  s[region * TRACE_STATS + TR.governmentLocalCents] += localCents;
}

/** Hook (settle): a firm of `firmRegion` paid `cents` of dividends to owners living in `ownerRegion`. */
export function traceDividend(w: World, firmRegion: number, ownerRegion: number, cents: number): void {
  const s = traceOf(w).slots;
  s[firmRegion * TRACE_STATS + TR.dividendCents] += cents;
  if (firmRegion === ownerRegion) s[firmRegion * TRACE_STATS + TR.localDividendCents] += cents;
  else s[ownerRegion * TRACE_STATS + TR.inflowCents] += cents;
}

/** Columns appended to regions.arrow (one row per tick x region, like the rest of that table). */
export const LM3_COLUMNS: ColumnDef[] = [
  f64('lm3_round1_cents', 'cents', "R1: sales income of the region's firms (from households, governments, firms, rest of world)"),
  f64('lm3_round2_cents', 'cents', 'R2: what those firms paid in the region: wages, inputs from local firms, dividends to local owners'),
  f64('lm3_round3_cents', 'cents', "R3: what R2's recipients re-spent in the region, at their local shares this tick"),
  f64('lm3', 'ratio', '(R1 + R2 + R3) / R1 (NEF, Sacks 2002)'),
  f64('local_supplier_value', 'ratio', "(R1 + R2) / R1: value to the region of 1 spent with its own firms (NEF's 1.76 in Northumberland)"),
  f64('nonlocal_supplier_value', 'ratio', "what other regions' firms paid into the region per 1 of their sales income (NEF's 0.36)"),
  f64('household_local_cents', 'cents', "households' purchases from sellers in the region"),
  f64('government_purchases_cents', 'cents', "the regional government's purchases (paid to sellers anywhere)"),
  f64('government_local_cents', 'cents', "the regional government's purchases from sellers in the region"),
  f64('firm_local_input_cents', 'cents', "inputs the region's firms bought from firms in the region"),
  f64('local_dividend_cents', 'cents', "dividends the region's firms paid to owners in the region"),
  f64('inflow_cents', 'cents', "paid into the region by other regions' firms (inputs from its firms, dividends to its owners)"),
];

export interface Lm3Rows {
  /** Fills the LM3 columns of `out` (the regions buffers, one row per region) from this tick's books; clears the trace. */
  fill(w: World, out: Record<string, Float64Array | string[]>): void;
}

/** Sales income of each region's firms this tick; rows revived or dead since the last record hold stale sales. */
function regionSales(w: World, t: Trace, out: Float64Array): void {
  const f = w.firms;
  out.fill(0);
  for (let i = 0; i < f.rows; i++) {
    if (t.recordedId[i] === f.id[i]) out[f.region[i]!] += f.salesCents[i]!;
    t.recordedId[i] = f.alive[i] !== 0 ? f.id[i]! : -1;
  }
}

export function createLm3Rows(w: World): Lm3Rows {
  traceOf(w); // before the first tick, so the first record knows which rows were alive at the start
  const sales = new Float64Array(w.R);
  return {
    fill(world, out) {
      const t = traceOf(world);
      const { R, acc } = world;
      regionSales(world, t, sales);
      let allSales = 0;
      for (let r = 0; r < R; r++) allSales += sales[r]!;
      const col = (k: string) => out[k] as Float64Array;
      for (let r = 0; r < R; r++) {
        const a = r * REGION_STATS;
        const s = r * TRACE_STATS;
        const tr = t.slots;
        const wages = acc.region[a + RS.wagesCents]!;
        const localInputs = tr[s + TR.localInputCents]!;
        const localDividends = tr[s + TR.localDividendCents]!;
        const householdLocal = acc.region[a + RS.localPurchasesCents]! - tr[s + TR.governmentLocalCents]! - localInputs;
        const income = acc.region[a + RS.incomeCents]!;
        const h = income > 0 ? householdLocal / income : 0;
        const r1 = sales[r]!;
        const r2 = wages + localInputs + localDividends;
        const respend = r1 > 0 ? r2 / r1 : 0;
        // Households re-spend what they keep after income tax; supplier firms re-spend as the region's firms do.
        const r3 = (wages * (1 - world.policy.incomeTaxRate[r]!) + localDividends) * h + localInputs * respend;
        const others = allSales - r1;
        col('lm3_round1_cents')[r] = r1;
        col('lm3_round2_cents')[r] = r2;
        col('lm3_round3_cents')[r] = r3;
        col('lm3')[r] = r1 > 0 ? (r1 + r2 + r3) / r1 : NaN;
        col('local_supplier_value')[r] = r1 > 0 ? 1 + respend : NaN;
        col('nonlocal_supplier_value')[r] = others > 0 ? tr[s + TR.inflowCents]! / others : NaN;
        col('household_local_cents')[r] = householdLocal;
        col('government_purchases_cents')[r] = tr[s + TR.governmentCents]!;
        col('government_local_cents')[r] = tr[s + TR.governmentLocalCents]!;
        col('firm_local_input_cents')[r] = localInputs;
        col('local_dividend_cents')[r] = localDividends;
        col('inflow_cents')[r] = tr[s + TR.inflowCents]!;
      }
      t.slots.fill(0);
    },
  };
}
