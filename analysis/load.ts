// Reads run folders back: manifest.json plus the Arrow tables the engine wrote, as plain typed-array columns.
// Every failure a user can cause (wrong folder, interrupted or damaged file) is a UserError naming the path.
import fs from 'node:fs';
import path from 'node:path';
import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import { UserError } from '../engine/model/errors.js';
import { isTempName } from '../engine/output/atomic.js';

export type LoadedColumn = Float64Array | Int32Array | Int16Array | Uint8Array | Float32Array | string[];
export interface LoadedTable {
  name: string;
  rows: number;
  columns: Record<string, LoadedColumn>;
  /** Schema-level metadata (run_id, seed, version, units JSON...). */
  metadata: Record<string, string>;
  /** Per-column unit from the field metadata, for the columns that declare one. */
  units: Record<string, string>;
}
export interface RunData {
  dir: string;
  manifest: any;
  regions: LoadedTable;
  sectors?: LoadedTable;
  flows?: LoadedTable;
  transactions?: LoadedTable;
  /** Per-firm snapshots, present when the scenario asked for them (output.firmsEvery > 0). */
  firms?: LoadedTable;
}

const OPTIONAL_TABLES = ['sectors', 'flows', 'transactions', 'firms'] as const;
const MAGIC = Buffer.from('ARROW1');

function readBytes(filePath: string, what: string): Buffer {
  try {
    return fs.readFileSync(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(err);
    throw new UserError(`${filePath}: cannot read ${what}: ${reason}`);
  }
}

/** Checks both magics first: a file cut short by a killed run has no footer and would otherwise fail obscurely. */
function parseArrowFile(filePath: string, bytes: Buffer): Table {
  if (bytes.length < 2 * MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new UserError(`${filePath}: not an Arrow IPC file (no ARROW1 magic at the start)`);
  }
  if (!bytes.subarray(bytes.length - MAGIC.length).equals(MAGIC)) {
    throw new UserError(`${filePath}: incomplete Arrow file (no footer; was the run interrupted?)`);
  }
  try {
    return tableFromIPC(bytes);
  } catch (err) {
    throw new UserError(`${filePath}: corrupt Arrow file (${(err as Error).message})`);
  }
}

function columnValues(filePath: string, table: Table, name: string): LoadedColumn {
  const vector = table.getChild(name)!;
  if (vector.nullCount > 0) throw new UserError(`${filePath}: column "${name}" has nulls; glocal tables have none`);
  const { type } = vector;
  const isText = DataType.isUtf8(type) || (DataType.isDictionary(type) && DataType.isUtf8(type.dictionary));
  const values: unknown = vector.toArray();
  const isOurNumeric =
    values instanceof Float64Array ||
    values instanceof Float32Array ||
    values instanceof Int32Array ||
    values instanceof Int16Array ||
    (values instanceof Uint8Array && DataType.isInt(type));
  if (!isText && !isOurNumeric) {
    throw new UserError(`${filePath}: column "${name}" has type ${String(type)}, which glocal tables do not use`);
  }
  return values as LoadedColumn;
}

function mapToRecord(map: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...map.entries()]);
}

export function readArrowTable(filePath: string): LoadedTable {
  const table = parseArrowFile(filePath, readBytes(filePath, 'Arrow table'));
  const columns: Record<string, LoadedColumn> = {};
  const units: Record<string, string> = {};
  for (const field of table.schema.fields) {
    columns[field.name] = columnValues(filePath, table, field.name);
    const unit = field.metadata.get('unit');
    if (unit !== undefined) units[field.name] = unit;
  }
  return {
    name: path.basename(filePath).replace(/\.arrow$/, ''),
    rows: table.numRows,
    columns,
    metadata: mapToRecord(table.schema.metadata),
    units,
  };
}

/** A finished run folder: manifest and regions table present, and not a temp folder still being written. */
export function isRunDir(dir: string): boolean {
  return (
    !isTempName(dir) &&
    fs.existsSync(path.join(dir, 'manifest.json')) &&
    fs.existsSync(path.join(dir, 'regions.arrow'))
  );
}

function readManifest(dir: string): any {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError(`${dir}: no such run folder`);
  const text = readBytes(manifestPath, 'run manifest (is this a run folder?)').toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${manifestPath}: manifest is not valid JSON (${(err as Error).message})`);
  }
}

export function loadRun(dir: string): RunData {
  const manifest = readManifest(dir);
  const run: RunData = { dir, manifest, regions: readArrowTable(path.join(dir, 'regions.arrow')) };
  for (const name of OPTIONAL_TABLES) {
    const tablePath = path.join(dir, `${name}.arrow`);
    if (fs.existsSync(tablePath)) run[name] = readArrowTable(tablePath);
  }
  return run;
}
