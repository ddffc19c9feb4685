// The record phase: turns the tick's accumulators into rows of the declared tables, streamed as Arrow batches.
// Row buffers are allocated once per run and reused every tick.
import { join } from 'node:path';
import type { World } from '../state/world.js';
import { RS, SS, FS, REGION_STATS, SECTOR_STATS, FLOW_STATS, TFM_ROWS, TFM_COLUMNS } from '../sim/accumulators.js';
import { openTableWriter, type TableWriter } from './table-writer.js';
import { REGIONS_TABLE, SECTORS_TABLE, FLOWS_TABLE, TRANSACTIONS_TABLE, FIRMS_TABLE } from './tables.js';
import { MODES } from '../model/schema.js';
import { createLm3Rows } from './lm3.js';

export interface Recorder {
  record(w: World): void;
  close(): Promise<void>;
  abort(): void;
  /** Unemployment rate per region from the last recorded tick (the wage rule reads it). */
  unemployment: Float64Array;
}

type Cols = Record<string, Float64Array | string[]>;

function buffers(names: string[], rows: number, strings: string[]): Cols {
  const out: Cols = {};
  for (const n of names) out[n] = strings.includes(n) ? new Array<string>(rows).fill('') : new Float64Array(rows);
  return out;
}

export function createRecorder(w: World, dir: string, metadata: Record<string, string>): Recorder {
  const { R, S } = w;
  const V = w.acc.vehicleClasses;
  const s = w.scenario;
  const batchRows = (n: number) => Math.max(1, n * s.output.batchTicks);
  const writers: TableWriter[] = [];
  const open = (name: string, def: typeof REGIONS_TABLE, rowsPerTick: number) => {
    const writer = openTableWriter(join(dir, `${name}.arrow`), def, metadata, { batchRows: batchRows(rowsPerTick) });
    writers.push(writer);
    return writer;
  };
  const regions = open('regions', REGIONS_TABLE, R);
  const sectors = open('sectors', SECTORS_TABLE, R * S);
  const flows = open('flows', FLOWS_TABLE, R * R);
  const transactions = open('transactions', TRANSACTIONS_TABLE, TFM_ROWS.length);
  const firms = s.output.firmsEvery > 0 ? open('firms', FIRMS_TABLE, w.firms.rows) : undefined;
  const lm3Rows = createLm3Rows(w);

  const regionNames = s.regions.map((r) => r.name);
  const sectorNames = s.sectors.map((x) => x.name);
  const classNames = [...s.transport.vehicleClasses.map((v) => v.name), 'drayage'];
  const classModes = [...s.transport.vehicleClasses.map((v) => v.mode), 'road'];
  const rb = buffers(REGIONS_TABLE.columns.map((c) => c.name), R, ['region_name']);
  const sb = buffers(SECTORS_TABLE.columns.map((c) => c.name), R * S, ['region_name', 'sector_name']);
  const fb = buffers(FLOWS_TABLE.columns.map((c) => c.name), R * R * (V + 1), ['mode', 'vehicle_class']);
  const tb = buffers(TRANSACTIONS_TABLE.columns.map((c) => c.name), TFM_ROWS.length, ['flow']);
  const firmBuf = firms ? buffers(FIRMS_TABLE.columns.map((c) => c.name), w.firms.rows, []) : undefined;
  const employed = new Float64Array(R);
  const sectorEmployed = new Float64Array(R * S);
  const sectorFirms = new Float64Array(R * S);
  const sectorPrice = new Float64Array(R * S);
  const firmsAlive = new Float64Array(R);
  const unemployment = new Float64Array(R);
  const num = (c: Cols, k: string) => c[k] as Float64Array;
  const txt = (c: Cols, k: string) => c[k] as string[];

  function record(w: World): void {
    const { acc, tick } = w;
    // Counted by the households kernel as it assigns jobs (and by migration as movers leave theirs): no pass over rows.
    for (let r = 0; r < R; r++) employed[r] = acc.region[r * REGION_STATS + RS.employed]!;
    sectorEmployed.fill(0);
    sectorFirms.fill(0);
    sectorPrice.fill(0);
    firmsAlive.fill(0);
    const f = w.firms;
    for (let i = 0; i < f.rows; i++) {
      if (f.alive[i] === 0) continue;
      const k = f.region[i]! * S + f.sector[i]!;
      sectorEmployed[k] += f.workers[i]!;
      sectorFirms[k]++;
      sectorPrice[k] += f.priceCents[i]!;
      firmsAlive[f.region[i]!]++;
    }
    for (let r = 0; r < R; r++) {
      const a = r * REGION_STATS;
      const labour = w.regions.households[r]!;
      const purchases = acc.region[a + RS.purchasesCents]!;
      // price_index: kept up to date by the tick (updatePriceIndex in the settle phase), so runs without recording agree.
      const wage = employed[r]! > 0 ? acc.region[a + RS.wagesCents]! / employed[r]! : 0;
      num(rb, 'tick')[r] = tick;
      num(rb, 'region')[r] = r;
      txt(rb, 'region_name')[r] = regionNames[r]!;
      num(rb, 'labour_force')[r] = labour;
      num(rb, 'employed')[r] = employed[r]!;
      unemployment[r] = labour > 0 ? 1 - employed[r]! / labour : 0;
      num(rb, 'unemployment_rate')[r] = unemployment[r]!;
      num(rb, 'output_units')[r] = acc.region[a + RS.outputUnits]!;
      num(rb, 'output_value_cents')[r] = acc.region[a + RS.outputCents]!;
      num(rb, 'value_added_cents')[r] = acc.region[a + RS.outputCents]! - acc.region[a + RS.inputCents]!;
      num(rb, 'consumption_cents')[r] = acc.region[a + RS.consumptionCents]!;
      num(rb, 'consumption_units')[r] = acc.region[a + RS.consumptionUnits]!;
      num(rb, 'income_cents')[r] = acc.region[a + RS.incomeCents]!;
      num(rb, 'price_index')[r] = w.regions.priceIndex[r]!;
      num(rb, 'mean_wage_cents')[r] = wage;
      num(rb, 'real_wage')[r] = wage / w.regions.priceIndex[r]!;
      num(rb, 'local_share')[r] = purchases > 0 ? acc.region[a + RS.localPurchasesCents]! / purchases : 0;
      num(rb, 'import_share')[r] = purchases > 0 ? acc.region[a + RS.overseasPurchasesCents]! / purchases : 0;
      num(rb, 'freight_tkm')[r] = acc.region[a + RS.freightTkm]!;
      num(rb, 'co2e_kg')[r] = acc.region[a + RS.co2eKg]!;
      num(rb, 'unmet_demand_cents')[r] = acc.region[a + RS.unmetCents]!;
      num(rb, 'firms_alive')[r] = firmsAlive[r]!;
      num(rb, 'bankruptcies')[r] = acc.region[a + RS.bankruptcies]!;
      num(rb, 'entries')[r] = acc.region[a + RS.entries]!;
      const deliveries = acc.region[a + RS.deliveries]!;
      num(rb, 'mean_delay_ticks')[r] = deliveries > 0 ? acc.region[a + RS.delaySum]! / deliveries : 0;
      num(rb, 'government_cash_cents')[r] = w.regions.govCash[r]!;
    }
    lm3Rows.fill(w, rb);
    regions.append(rb, R);

    for (let r = 0; r < R; r++) {
      for (let x = 0; x < S; x++) {
        const k = r * S + x;
        const a = k * SECTOR_STATS;
        const purchases = acc.sector[a + SS.purchasesCents]!;
        num(sb, 'tick')[k] = tick;
        num(sb, 'region')[k] = r;
        txt(sb, 'region_name')[k] = regionNames[r]!;
        num(sb, 'sector')[k] = x;
        txt(sb, 'sector_name')[k] = sectorNames[x]!;
        num(sb, 'employed')[k] = sectorEmployed[k]!;
        num(sb, 'firms_alive')[k] = sectorFirms[k]!;
        num(sb, 'output_units')[k] = acc.sector[a + SS.outputUnits]!;
        num(sb, 'output_value_cents')[k] = acc.sector[a + SS.outputCents]!;
        num(sb, 'purchases_cents')[k] = purchases;
        num(sb, 'local_share')[k] = purchases > 0 ? acc.sector[a + SS.localPurchasesCents]! / purchases : 0;
        num(sb, 'unmet_demand_cents')[k] = acc.sector[a + SS.unmetCents]!;
        num(sb, 'mean_price_cents')[k] = sectorFirms[k]! > 0 ? sectorPrice[k]! / sectorFirms[k]! : 0;
      }
    }
    sectors.append(sb, R * S);

    let n = 0;
    for (let lane = 0; lane < R * R; lane++) {
      for (let v = 0; v <= V; v++) {
        const a = (lane * (V + 1) + v) * FLOW_STATS;
        if (acc.flow[a + FS.tonnes]! <= 0 && acc.flow[a + FS.trips]! <= 0) continue;
        num(fb, 'tick')[n] = tick;
        num(fb, 'origin')[n] = (lane / R) | 0;
        num(fb, 'destination')[n] = lane % R;
        txt(fb, 'mode')[n] = classModes[v]!;
        txt(fb, 'vehicle_class')[n] = classNames[v]!;
        num(fb, 'tonnes')[n] = acc.flow[a + FS.tonnes]!;
        num(fb, 'tkm')[n] = acc.flow[a + FS.tkm]!;
        num(fb, 'vehicle_km')[n] = acc.flow[a + FS.vehicleKm]!;
        num(fb, 'co2e_kg')[n] = acc.flow[a + FS.co2eKg]!;
        num(fb, 'value_cents')[n] = acc.flow[a + FS.valueCents]!;
        num(fb, 'trips')[n] = acc.flow[a + FS.trips]!;
        n++;
      }
    }
    if (n > 0) flows.append(fb, n);

    const C = TFM_COLUMNS.length;
    for (let row = 0; row < TFM_ROWS.length; row++) {
      num(tb, 'tick')[row] = tick;
      txt(tb, 'flow')[row] = TFM_ROWS[row]!;
      TFM_COLUMNS.forEach((col, c) => (num(tb, col)[row] = acc.tfm[row * C + c]!));
    }
    transactions.append(tb, TFM_ROWS.length);

    if (firms && firmBuf && tick % s.output.firmsEvery === 0) {
      for (let i = 0; i < f.rows; i++) {
        num(firmBuf, 'tick')[i] = tick;
        num(firmBuf, 'firm_id')[i] = f.id[i]!;
        num(firmBuf, 'region')[i] = f.region[i]!;
        num(firmBuf, 'sector')[i] = f.sector[i]!;
        num(firmBuf, 'scale')[i] = f.scale[i]!;
        num(firmBuf, 'alive')[i] = f.alive[i]!;
        num(firmBuf, 'workers')[i] = f.workers[i]!;
        num(firmBuf, 'wage_cents')[i] = f.wageCents[i]!;
        num(firmBuf, 'price_cents')[i] = f.priceCents[i]!;
        num(firmBuf, 'inventory_units')[i] = f.inventory[i]!;
        num(firmBuf, 'cash_cents')[i] = f.cash[i]!;
        num(firmBuf, 'output_units')[i] = f.producedUnits[i]!;
        num(firmBuf, 'sales_units')[i] = f.salesUnits[i]!;
      }
      firms.append(firmBuf, f.rows);
    }
  }

  return {
    record,
    unemployment,
    async close() {
      for (const writer of writers) await writer.close();
    },
    abort() {
      for (const writer of writers) writer.abort();
    },
  };
}

export { MODES };
