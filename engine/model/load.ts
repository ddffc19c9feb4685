// Loading a scenario: find it (built-in name or file), parse YAML/JSON, apply --set overrides, validate, freeze.
// This is the edge where user input is checked; everything behind it trusts the frozen Scenario.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ScenarioSpec, type Scenario } from './schema.js';
import { ScenarioError, UserError } from './errors.js';
import { describeIssues, checkCrossReferences } from './check.js';
import { applyOverrides, parseSetFlags } from './overrides.js';
import { scenariosDir } from './paths.js';

export interface LoadOptions {
  /** `path=value` overrides applied before validation (values parsed as YAML scalars). */
  sets?: string[] | Record<string, unknown>;
}

/** A loaded scenario with where it came from (for errors, relative grid files and the manifest). */
export interface LoadedScenario {
  scenario: Scenario;
  file: string;
}

/** Finds a built-in scenario by name, or reads a file path. */
export function resolveScenarioPath(nameOrPath: string): string {
  if (existsSync(nameOrPath) && !isDirectory(nameOrPath)) return resolve(nameOrPath);
  for (const ext of ['.yaml', '.yml', '.json']) {
    const candidate = join(scenariosDir(), nameOrPath + ext);
    if (existsSync(candidate)) return candidate;
  }
  const builtins = listBuiltinScenarios().map((s) => s.name);
  throw new UserError(
    `no scenario file or built-in scenario named '${nameOrPath}'. Built-ins: ${builtins.join(', ')}`,
  );
}

export function loadScenario(nameOrPath: string, opts: LoadOptions = {}): LoadedScenario {
  const file = resolveScenarioPath(nameOrPath);
  return validateScenario(readScenarioFile(file), file, opts);
}

/**
 * Reads a scenario file and resolves `extends: <built-in name or path>`: the base is read first and this
 * file's fields are merged over it (objects merge key by key; lists and values replace).
 */
export function readScenarioFile(file: string, seen: string[] = []): unknown {
  if (seen.includes(file)) throw new ScenarioError(file, [`extends: circular chain ${[...seen, file].join(' -> ')}`]);
  const raw = parseScenarioText(readFileSync(file, 'utf8'), file) as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioError(file, ['(top level): expected a mapping of scenario fields']);
  if (raw.extends === undefined) return raw;
  if (typeof raw.extends !== 'string') throw new ScenarioError(file, [`extends: expected a scenario name or path, got ${JSON.stringify(raw.extends)}`]);
  const basePath = existsSync(resolve(dirname(file), raw.extends)) ? resolve(dirname(file), raw.extends) : resolveScenarioPath(raw.extends);
  const base = readScenarioFile(basePath, [...seen, file]);
  const { extends: _ignored, ...own } = raw;
  return mergeScenario(base, own);
}

function mergeScenario(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeScenario(base[k], v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a parsed scenario object (e.g. built by a sweep) as if it came from `file`. */
export function validateScenario(raw: unknown, file: string, opts: LoadOptions = {}): LoadedScenario {
  let input = raw;
  if (opts.sets) {
    const sets = Array.isArray(opts.sets) ? parseSetFlags(opts.sets) : opts.sets;
    input = applyOverrides(raw, sets, file);
  }
  const parsed = ScenarioSpec.safeParse(input);
  if (!parsed.success) throw new ScenarioError(file, describeIssues(parsed.error.issues, input));
  const problems = checkCrossReferences(parsed.data, dirname(file));
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return { scenario: deepFreeze(parsed.data), file };
}

export function parseScenarioText(text: string, file: string): unknown {
  try {
    return extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ScenarioError(file, [`cannot parse ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`]);
  }
}

export interface BuiltinScenario {
  name: string;
  description: string;
  file: string;
}

export function listBuiltinScenarios(): BuiltinScenario[] {
  const dir = scenariosDir();
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const raw = readScenarioFile(file) as { description?: string };
      return { name: basename(f, extname(f)), description: String(raw?.description ?? '').split('\n')[0] ?? '', file };
    });
}

function isDirectory(path: string): boolean {
  try {
    return readdirSync(path) !== undefined;
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
