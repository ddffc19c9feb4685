// `--set path=value` and sweep parameters: write a value at a dotted path inside a scenario object.
// Paths may index arrays by number (`regions.0.port`) or by element name (`sectors.food.basePriceCents`).
import { parse as parseYaml } from 'yaml';
import { ScenarioError, UserError } from './errors.js';

/** Parses `a.b=value` flags; values are YAML scalars (numbers, booleans, strings, expressions). */
export function parseSetFlags(flags: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UserError(`--set expects path=value, got '${flag}'`);
    const path = flag.slice(0, eq).trim();
    const text = flag.slice(eq + 1);
    let value: unknown;
    try {
      value = parseYaml(text);
    } catch {
      value = text;
    }
    out[path] = value ?? text;
  }
  return out;
}

/** Returns a deep copy of `input` with each `path: value` written; a path that leads nowhere is a user error. */
export function applyOverrides(input: unknown, sets: Record<string, unknown>, file: string): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  for (const [path, value] of Object.entries(sets)) setAtPath(copy, path, value, file);
  return copy;
}

export function setAtPath(root: Record<string, unknown>, path: string, value: unknown, file: string): void {
  const keys = path.split('.');
  let node: unknown = root;
  for (let i = 0; i < keys.length - 1; i++) {
    node = child(node, keys[i]!, keys.slice(0, i + 1).join('.'), file, true);
  }
  const last = keys[keys.length - 1]!;
  if (Array.isArray(node)) {
    const idx = indexIn(node, last);
    if (idx < 0) throw new ScenarioError(file, [`${path}: no element '${last}' in this list`]);
    node[idx] = value;
  } else if (node && typeof node === 'object') {
    (node as Record<string, unknown>)[last] = value;
  } else {
    throw new ScenarioError(file, [`${path}: cannot set a field inside a ${typeof node}`]);
  }
}

function child(node: unknown, key: string, pathSoFar: string, file: string, create: boolean): unknown {
  if (Array.isArray(node)) {
    const idx = indexIn(node, key);
    if (idx < 0) {
      const names = node.map((e, i) => (e && typeof e === 'object' && 'name' in e ? String(e.name) : String(i)));
      throw new ScenarioError(file, [`${pathSoFar}: no element '${key}'; elements are ${names.join(', ')}`]);
    }
    return node[idx];
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (obj[key] === undefined && create) obj[key] = {};
    return obj[key];
  }
  throw new ScenarioError(file, [`${pathSoFar}: cannot go inside a ${typeof node}`]);
}

function indexIn(list: unknown[], key: string): number {
  if (/^\d+$/.test(key)) return Number(key) < list.length ? Number(key) : -1;
  return list.findIndex((e) => e !== null && typeof e === 'object' && (e as { name?: unknown }).name === key);
}
