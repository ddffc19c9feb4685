// The books check: after every phase, total money must equal the total at start (to the cent) and every
// sector's goods stock must have changed by exactly what was produced minus what left. Fails loudly.
import type { World } from '../state/world.js';
import { GS, GOODS_STATS, TFM_COLUMNS, TFM_ROWS, T, HH, FIRMS, CARRIERS, GOV, ROW, RS, REGION_STATS } from './accumulators.js';
import { inTransit } from '../systems/shipments.js';
import type { RetailOrders } from '../systems/buy.js';

export class BooksError extends Error {
  override readonly name = 'BooksError';
}

/**
 * Money held by each TFM column (households, firms, carriers, governments, rest of world), cents. Sales made in
 * the buying phases sit in per-region slots until `settle-sales` pays them into sellers' cash (systems/quotas.ts):
 * they are the sellers' money already, and are counted when `withSales` (they are zero, and left out, elsewhere).
 */
export function moneyHoldings(
  w: World,
  retail: RetailOrders,
  out: Float64Array,
  householdCash = householdCashTotal(w),
  withSales = true,
  escrow = inTransit(w, retail, new Float64Array(w.S)),
): Float64Array {
  let households = householdCash;
  for (let r = 0; r < w.R; r++) households += w.regions.ownerPool[r]!;
  let firms = sumWhole(w.firms.cash, w.firms.rows);
  if (withSales) firms += sumWhole(w.firms.soldCents, w.firms.soldCents.length);
  let carriers = escrow;
  for (let k = 0; k < w.carriers.rows; k++) carriers += w.carriers.cash[k]!;
  let governments = 0;
  for (let r = 0; r < w.R; r++) governments += w.regions.govCash[r]!;
  out[HH] = households;
  out[FIRMS] = firms;
  out[CARRIERS] = carriers;
  out[GOV] = governments;
  out[ROW] = w.rowCash[0]!;
  return out;
}

/** Cash and local currency held by all households: the largest sum of the check (one pass over 10^5..10^6 rows). */
export function householdCashTotal(w: World): number {
  const h = w.households;
  let total = 0;
  for (let i = 0; i < h.rows; i++) total += h.cash[i]! + h.localCash[i]!;
  return total;
}

/**
 * Household cash moves only in the households phase, whose kernel sums it per region as it reads each row
 * (RS.householdCashBeforeCents) and as it writes it (RS.householdCashCents); rows move only in settle, and only when
 * households migrate. Elsewhere the check reuses the last total, so no phase pays for a pass over every household.
 * A change made outside the phase is still caught: the kernel's sum before its writes must equal the books' total.
 */
function householdCashAfter(w: World, phase: string, last: number): number {
  if (phase === 'households') {
    let before = 0;
    let after = 0;
    for (let r = 0; r < w.R; r++) {
      before += w.acc.region[r * REGION_STATS + RS.householdCashBeforeCents]!;
      after += w.acc.region[r * REGION_STATS + RS.householdCashCents]!;
    }
    if (before !== last) {
      throw new BooksError(`books do not balance at tick ${w.tick}, before phase 'households': household cash is ${before} cents, expected ${last} (difference ${before - last} cents), changed outside the households phase since the last one`);
    }
    return after;
  }
  const migration = w.scenario.households.migrationRate > 0 && w.scenario.households.mobileShare > 0;
  return phase === 'settle' && migration ? householdCashTotal(w) : last;
}

/**
 * Unsettled sales (units and cents in the per-region slots) exist only from the households kernel to `settle-sales`;
 * of the checks, only the one after 'households' falls in that window. Leaving the slots out elsewhere loses
 * nothing: money or goods wrongly left in them would be missing from the totals, and the check would fail.
 */
const PHASES_WITH_UNSETTLED_SALES = new Set(['households']);

/**
 * Goods held per sector: finished stock (less unsettled sales, if `withSales`), input stock, and `transit` (units
 * in transit per sector, from inTransit). Every term is a whole number of units, so the sums are exact in any order.
 */
export function goodsStock(w: World, out: Float64Array, transit: Float64Array, withSales = true): Float64Array {
  const { S, R } = w;
  const f = w.firms;
  const rows = f.rows;
  const sector = f.sector;
  out.set(transit);
  // Finished stock: rows of one sector mostly sit together, so a running sum stays in a register and is added to
  // its sector when the sector changes (adding into out[] row by row was most of the check's time).
  addBySectorRuns(sector, f.inventory, 0, rows, 1, out);
  // Units sold but not yet settled have left the seller (they sit in retail orders or were used at once).
  if (withSales) for (let r = 0; r < R; r++) addBySectorRuns(sector, f.soldUnits, r * rows, rows, -1, out);
  // Input stock, row-major (firm × sector): per sector, a strided pass with two running sums.
  const input = f.inputStock;
  const n = rows * S;
  for (let j = 0; j < S; j++) {
    let even = 0;
    let odd = 0;
    let k = j;
    for (; k + S < n; k += 2 * S) {
      even += input[k]!;
      odd += input[k + S]!;
    }
    if (k < n) even += input[k]!;
    out[j] += even + odd;
  }
  return out;
}

/**
 * The sum of a[0..n), four running sums side by side (one chain of additions waits ~4 cycles per add). The values
 * are whole numbers (cents, units) with sums below 2^53, so every order gives the same exact total.
 */
function sumWhole(a: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i]!;
    s1 += a[i + 1]!;
    s2 += a[i + 2]!;
    s3 += a[i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]!;
  return s0 + s1 + (s2 + s3);
}

/** out[sector[i]] += sign × values[offset + i] for rows i < rows, summing runs of equal sector in a register. */
function addBySectorRuns(sector: Int32Array | Uint8Array | Uint16Array, values: Float64Array, offset: number, rows: number, sign: number, out: Float64Array): void {
  let current = rows > 0 ? sector[0]! : 0;
  let run = 0;
  for (let i = 0; i < rows; i++) {
    const s = sector[i]!;
    if (s !== current) {
      out[current] += sign * run;
      current = s;
      run = 0;
    }
    run += values[offset + i]!;
  }
  out[current] += sign * run;
}

export interface BooksState {
  holdings: Float64Array;
  holdingsAtTickStart: Float64Array;
  goods: Float64Array;
  goodsAtTickStart: Float64Array;
  scratch: Float64Array;
  checks: number;
  householdCash: number;
}

export function createBooks(S: number): BooksState {
  return {
    holdings: new Float64Array(TFM_COLUMNS.length),
    holdingsAtTickStart: new Float64Array(TFM_COLUMNS.length),
    goods: new Float64Array(S),
    goodsAtTickStart: new Float64Array(S),
    scratch: new Float64Array(S),
    checks: 0,
    householdCash: 0,
  };
}

/** Books kept from the world as it is (a new run, or one restored from a checkpoint). */
export function openBooks(w: World, b: BooksState): void {
  b.householdCash = householdCashTotal(w);
}

export function startTickBooks(w: World, retail: RetailOrders, b: BooksState): void {
  // Household cash as the books last saw it (checked against the rows by the households kernel, see above).
  // No sales are unsettled between ticks; anything left in those slots shows up at the 'households' check.
  const escrow = inTransit(w, retail, b.scratch);
  moneyHoldings(w, retail, b.holdingsAtTickStart, b.householdCash, false, escrow);
  goodsStock(w, b.goodsAtTickStart, b.scratch, false);
}

/** Checks money and goods after a phase; throws BooksError naming tick, phase and amount. */
export function checkBooks(w: World, retail: RetailOrders, b: BooksState, phase: string): void {
  b.householdCash = householdCashAfter(w, phase, b.householdCash);
  const withSales = PHASES_WITH_UNSETTLED_SALES.has(phase);
  const escrow = inTransit(w, retail, b.scratch);
  moneyHoldings(w, retail, b.holdings, b.householdCash, withSales, escrow);
  let total = 0;
  for (let c = 0; c < b.holdings.length; c++) total += b.holdings[c]!;
  if (total !== w.moneyAtStart) {
    throw new BooksError(`books do not balance at tick ${w.tick}, after phase '${phase}': total money is ${total} cents, expected ${w.moneyAtStart} (difference ${total - w.moneyAtStart} cents)`);
  }
  goodsStock(w, b.goods, b.scratch, withSales);
  for (let s = 0; s < w.S; s++) {
    const g = s * GOODS_STATS;
    const a = w.acc.goods;
    const expected = b.goodsAtTickStart[s]! + a[g + GS.produced]! - a[g + GS.consumed]! - a[g + GS.usedAsInput]! - a[g + GS.exported]! - a[g + GS.destroyed]! - a[g + GS.governmentUse]!;
    if (b.goods[s] !== expected) {
      throw new BooksError(`goods books do not balance at tick ${w.tick}, after phase '${phase}': sector '${w.scenario.sectors[s]!.name}' holds ${b.goods[s]} units, expected ${expected} (difference ${b.goods[s]! - expected})`);
    }
  }
  b.checks++;
}

/** Closes the tick's transaction-flow matrix with the change in money holdings and checks every row and column. */
export function closeTransactionMatrix(w: World, b: BooksState): void {
  const tfm = w.acc.tfm;
  const C = TFM_COLUMNS.length;
  for (let c = 0; c < C; c++) tfm[T.change_in_money + c] = -(b.holdings[c]! - b.holdingsAtTickStart[c]!);
  for (let row = 0; row < TFM_ROWS.length; row++) {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += tfm[row * C + c]!;
    if (sum !== 0) throw new BooksError(`transaction-flow matrix row '${TFM_ROWS[row]}' sums to ${sum} cents at tick ${w.tick}`);
  }
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let row = 0; row < TFM_ROWS.length; row++) sum += tfm[row * C + c]!;
    if (sum !== 0) throw new BooksError(`transaction-flow matrix column '${TFM_COLUMNS[c]}' sums to ${sum} cents at tick ${w.tick}: flows recorded do not explain its change in money`);
  }
}
