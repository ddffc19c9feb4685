// The declared output tables of a run: names, columns, units. Column names equal the README's; no renaming layer.
import { defineTable, i32, i16, f64, str } from './table-writer.js';
import { LM3_COLUMNS } from './lm3.js';

export const REGIONS_TABLE = defineTable('regions', [
  i32('tick', 'tick'),
  i16('region', 'region index'),
  str('region_name'),
  i32('labour_force', 'households'),
  i32('employed', 'households'),
  f64('unemployment_rate', 'share'),
  f64('output_units', 'units'),
  f64('output_value_cents', 'cents', 'production valued at the producer price'),
  f64('value_added_cents', 'cents', 'output value minus inputs at landed cost'),
  f64('consumption_cents', 'cents', 'household spending paid to sellers'),
  f64('consumption_units', 'units', 'units delivered to households'),
  f64('income_cents', 'cents', 'household disposable income'),
  f64('price_index', 'ratio', 'household purchases at current over base prices'),
  f64('mean_wage_cents', 'cents per worker-tick'),
  f64('real_wage', 'cents at base prices'),
  f64('local_share', 'share', 'purchases by value from sellers in the region'),
  f64('import_share', 'share', 'purchases by value from overseas (sea or air)'),
  f64('freight_tkm', 'tonne-km', 'freight delivered to the region (main leg + drayage)'),
  f64('co2e_kg', 'kg CO2e', 'freight emissions of deliveries to the region'),
  f64('unmet_demand_cents', 'cents'),
  i32('firms_alive', 'firms'),
  i32('bankruptcies', 'firms'),
  i32('entries', 'firms'),
  f64('mean_delay_ticks', 'ticks'),
  f64('government_cash_cents', 'cents'),
  ...LM3_COLUMNS,
]);

export const SECTORS_TABLE = defineTable('sectors', [
  i32('tick', 'tick'),
  i16('region'),
  str('region_name'),
  i16('sector'),
  str('sector_name'),
  i32('employed', 'workers'),
  i32('firms_alive', 'firms'),
  f64('output_units', 'units'),
  f64('output_value_cents', 'cents'),
  f64('purchases_cents', 'cents'),
  f64('local_share', 'share'),
  f64('unmet_demand_cents', 'cents'),
  f64('mean_price_cents', 'cents per unit'),
]);

export const FLOWS_TABLE = defineTable('flows', [
  i32('tick', 'tick'),
  i16('origin'),
  i16('destination'),
  str('mode'),
  str('vehicle_class'),
  f64('tonnes', 't'),
  f64('tkm', 'tonne-km'),
  f64('vehicle_km', 'km'),
  f64('co2e_kg', 'kg CO2e'),
  f64('value_cents', 'cents'),
  f64('trips', 'trips'),
]);

export const TRANSACTIONS_TABLE = defineTable('transactions', [
  i32('tick', 'tick'),
  str('flow', 'row of the transaction-flow matrix'),
  f64('households', 'cents'),
  f64('firms', 'cents'),
  f64('carriers', 'cents'),
  f64('governments', 'cents'),
  f64('rest_of_world', 'cents'),
]);

export const FIRMS_TABLE = defineTable('firms', [
  i32('tick', 'tick'),
  i32('firm_id'),
  i16('region'),
  i16('sector'),
  i16('scale'),
  i32('alive'),
  i32('workers'),
  f64('wage_cents', 'cents'),
  f64('price_cents', 'cents'),
  f64('inventory_units', 'units'),
  f64('cash_cents', 'cents'),
  f64('output_units', 'units'),
  f64('sales_units', 'units'),
]);
