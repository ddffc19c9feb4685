// Reads a hand-drawn grid file (JSON rows of characters, see docs/grid-format.md) into the same Grid as generation.
// It is user input, so every problem is reported with the file path and what is wrong, all at once.
import { readFileSync } from 'node:fs';
import { UserError } from '../model/errors.js';
import type { GridSpec, RegionSpec } from '../model/schema.js';
import { assembleGrid, touchesWater, LAND, WATER, type Grid, type GridLayout } from './grid.js';

const ALLOWED_KEYS = ['width', 'height', 'cellKm', 'legend', 'rows', 'ports', 'airports', 'rail'];
const WATER_CHAR = '.';
const LEGEND_CHAR = /^[A-Za-z0-9]$/;

/** Reads and validates a grid file; region indices follow the scenario's region order. */
export function loadGridFile(file: string, regions: readonly RegionSpec[], spec?: Partial<GridSpec>): Grid {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`grid.file: cannot read grid file ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: cannot parse the grid file as JSON: ${(err as Error).message}`);
  }
  return gridFromFileData(data, file, regions, spec);
}

/** Validates parsed grid-file data (`file` names it in errors) and builds the grid. */
export function gridFromFileData(data: unknown, file: string, regions: readonly RegionSpec[], spec?: Partial<GridSpec>): Grid {
  const problems: string[] = [];
  const layout = parseLayout(data, regions, spec, problems);
  if (!layout || problems.length > 0) {
    throw new UserError(`${file}: invalid grid file\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return assembleGrid(layout, regions, `${file}: `);
}

function parseLayout(data: unknown, regions: readonly RegionSpec[], spec: Partial<GridSpec> | undefined, problems: string[]): GridLayout | undefined {
  if (!isObject(data)) {
    problems.push('the file must hold a JSON object with width, height, legend and rows');
    return undefined;
  }
  for (const key of Object.keys(data)) {
    if (!ALLOWED_KEYS.includes(key)) problems.push(`unknown key '${key}'; allowed keys: ${ALLOWED_KEYS.join(', ')}`);
  }
  const width = positiveInt(data.width, 'width', problems);
  const height = positiveInt(data.height, 'height', problems);
  const cellKm = data.cellKm === undefined ? (spec?.cellKm ?? 10) : data.cellKm;
  if (typeof cellKm !== 'number' || !(cellKm > 0) || !Number.isFinite(cellKm)) problems.push(`cellKm: expected a positive number, got ${show(cellKm)}`);
  if (spec?.width !== undefined && width !== undefined && spec.width !== width) problems.push(`width: the file is ${width} cells wide but the scenario's grid.width is ${spec.width}`);
  if (spec?.height !== undefined && height !== undefined && spec.height !== height) problems.push(`height: the file is ${height} cells high but the scenario's grid.height is ${spec.height}`);
  const legend = parseLegend(data.legend, regions, problems);
  if (width === undefined || height === undefined || !legend) return undefined;
  const cells = parseRows(data.rows, width, height, legend, problems);
  if (!cells) return undefined;
  const { terrain, region } = cells;
  const at = (key: string) => parseCells(data[key], key, width, height, terrain, problems);
  const ports = at('ports'), airports = at('airports'), rail = data.rail === undefined ? undefined : at('rail');
  const portCell = onePerRegion(ports, 'ports', region, regions, width, problems);
  const airportCell = onePerRegion(airports, 'airports', region, regions, width, problems);
  ports.forEach((c, i) => {
    if (!touchesWater(c % width, Math.floor(c / width), width, height, terrain)) problems.push(`ports[${i}]: ${showCell(c, width)} has no water next to it`);
  });
  const centreCell = centres(region, regions, width, height, problems);
  return { width, height, cellKm: cellKm as number, terrain, region, centreCell, portCell, airportCell, railCells: rail };
}

/** Legend char -> scenario region index; every scenario region must be drawn, and only scenario regions. */
function parseLegend(value: unknown, regions: readonly RegionSpec[], problems: string[]): Map<string, number> | undefined {
  if (!isObject(value)) {
    problems.push(`legend: expected an object mapping one character to a region name, e.g. {"a": "${regions[0]?.name ?? 'north'}"}, got ${show(value)}`);
    return undefined;
  }
  const names = regions.map((r) => r.name);
  const legend = new Map<string, number>();
  const drawn = new Set<number>();
  for (const [char, name] of Object.entries(value)) {
    if (!LEGEND_CHAR.test(char)) problems.push(`legend: key '${char}' must be one letter or digit ('.' is water)`);
    const index = typeof name === 'string' ? names.indexOf(name) : -1;
    if (index < 0) problems.push(`legend.${char}: ${show(name)} is not a region of the scenario; regions: ${names.join(', ')}`);
    else if (drawn.has(index)) problems.push(`legend.${char}: region '${name}' already has another character`);
    else {
      drawn.add(index);
      legend.set(char, index);
    }
  }
  names.forEach((name, i) => {
    if (!drawn.has(i)) problems.push(`legend: scenario region '${name}' (regions[${i}]) has no character in the legend`);
  });
  return legend;
}

function parseRows(value: unknown, width: number, height: number, legend: Map<string, number>, problems: string[]): { terrain: Uint8Array; region: Int16Array } | undefined {
  if (!Array.isArray(value) || value.length !== height) {
    problems.push(`rows: expected an array of ${height} strings (height), got ${Array.isArray(value) ? `${value.length} rows` : show(value)}`);
    return undefined;
  }
  const terrain = new Uint8Array(width * height);
  const region = new Int16Array(width * height).fill(-1);
  const before = problems.length;
  value.forEach((row: unknown, y) => {
    if (typeof row !== 'string' || row.length !== width) {
      problems.push(`rows[${y}]: expected a string of ${width} characters (width), got ${typeof row === 'string' ? `${row.length} characters` : show(row)}`);
      return;
    }
    for (let x = 0; x < width; x++) {
      const ch = row[x]!;
      if (ch === WATER_CHAR) continue;
      const r = legend.get(ch);
      if (r === undefined) {
        problems.push(`rows[${y}][${x}]: character '${ch}' is neither '.' (water) nor in the legend (${[...legend.keys()].join(', ')})`);
        return;
      }
      terrain[y * width + x] = LAND;
      region[y * width + x] = r;
    }
  });
  return problems.length === before ? { terrain, region } : undefined;
}

/** A list of [x, y] land cells as cell indices. */
function parseCells(value: unknown, key: string, width: number, height: number, terrain: Uint8Array, problems: string[]): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected a list of [x, y] cells, got ${show(value)}`);
    return [];
  }
  const cells: number[] = [];
  value.forEach((xy: unknown, i) => {
    const ok = Array.isArray(xy) && xy.length === 2 && xy.every((v) => Number.isInteger(v));
    if (!ok) return problems.push(`${key}[${i}]: expected [x, y] with integer x and y, got ${show(xy)}`);
    const [x, y] = xy as [number, number];
    if (x < 0 || y < 0 || x >= width || y >= height) return problems.push(`${key}[${i}]: [${x}, ${y}] lies outside the ${width} x ${height} grid`);
    if (terrain[y * width + x] === WATER) return problems.push(`${key}[${i}]: [${x}, ${y}] is water; it must be a land cell`);
    cells.push(y * width + x);
  });
  return cells;
}

function onePerRegion(cells: number[], key: string, region: Int16Array, regions: readonly RegionSpec[], width: number, problems: string[]): Int32Array {
  const out = new Int32Array(regions.length).fill(-1);
  cells.forEach((c, i) => {
    const r = region[c]!;
    if (out[r]! >= 0) problems.push(`${key}[${i}]: region '${regions[r]!.name}' already has one at ${showCell(out[r]!, width)}; at most one per region`);
    else out[r] = c;
  });
  return out;
}

/** The scenario's centre when given (it must lie in the region), else the region's cell nearest its centroid. */
function centres(region: Int16Array, regions: readonly RegionSpec[], width: number, height: number, problems: string[]): Int32Array {
  const out = new Int32Array(regions.length).fill(-1);
  const sumX = new Float64Array(regions.length), sumY = new Float64Array(regions.length), count = new Float64Array(regions.length);
  for (let c = 0; c < region.length; c++) {
    const r = region[c]!;
    if (r < 0) continue;
    sumX[r]! += c % width;
    sumY[r]! += Math.floor(c / width);
    count[r]!++;
  }
  const bestD2 = new Float64Array(regions.length).fill(Infinity);
  for (let c = 0; c < region.length; c++) {
    const r = region[c]!;
    if (r < 0 || regions[r]!.centre) continue;
    const d2 = (c % width - sumX[r]! / count[r]!) ** 2 + (Math.floor(c / width) - sumY[r]! / count[r]!) ** 2;
    if (d2 < bestD2[r]!) [out[r], bestD2[r]] = [c, d2];
  }
  regions.forEach((spec, r) => {
    if (!spec.centre) return;
    const [x, y] = spec.centre;
    if (x < width && y < height && region[y * width + x] === r) out[r] = y * width + x;
    else problems.push(`regions[${r}].centre: [${x}, ${y}] is not a cell of region '${spec.name}' in the grid file`);
  });
  return out;
}

function positiveInt(value: unknown, key: string, problems: string[]): number | undefined {
  if (Number.isInteger(value) && (value as number) >= 1) return value as number;
  problems.push(`${key}: expected a positive integer, got ${show(value)}`);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function showCell(c: number, width: number): string {
  return `[${c % width}, ${Math.floor(c / width)}]`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + '...' : text;
}
