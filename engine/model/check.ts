// Turns schema issues into messages a scenario author can act on, and checks what a schema cannot:
// names that refer to other parts of the scenario, and policy expressions that must compile.
import type { z } from 'zod';
import { ScenarioSpec, type Scenario } from './schema.js';
import { compileParam } from './expressions.js';
import { EMISSION_FACTORS } from '../transport/emission-factors.js';
import { formatPath, valueAt, show, closest } from './messages.js';

type Issue = z.core.$ZodIssue;

export function describeIssues(issues: readonly Issue[], input: unknown): string[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const got = valueAt(input, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(issue.path);
        return issue.keys
          .map((key) => {
            const hint = closest(key, allowed);
            return `${formatPath([...issue.path, key])}: unknown key '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; allowed keys: ${allowed.join(', ')}`;
          })
          .join('\n  - ');
      }
      case 'invalid_type':
        return got === undefined
          ? `${path}: required field is missing (expected ${issue.expected})`
          : `${path}: expected ${issue.expected}, got ${show(got)}`;
      case 'invalid_value':
        return `${path}: ${show(got)} is not allowed; allowed values: ${issue.values.map((v) => show(v)).join(', ')}`;
      case 'invalid_union': {
        const discriminator = (issue as { note?: string }).note;
        const kinds = discriminatorValuesAt(issue.path);
        if (kinds.length > 0) return `${path}: 'kind' must be one of ${kinds.join(', ')}, got ${show((got as { kind?: unknown })?.kind)}`;
        return `${path}: ${show(got)} does not match any allowed form${discriminator ? ` (${discriminator})` : ''}`;
      }
      default:
        return `${path}: ${issue.message}, got ${show(got)}`;
    }
  });
}

/** Checks names that refer across the scenario, and that every policy expression compiles. */
export function checkCrossReferences(s: Scenario, _scenarioDir: string): string[] {
  const problems: string[] = [];
  const regionNames = s.regions.map((r) => r.name);
  const sectorNames = s.sectors.map((x) => x.name);
  const scaleNames = s.scales.map((x) => x.name);
  const classNames = s.transport.vehicleClasses.map((v) => v.name);
  const oneOf = (path: string, value: string, allowed: string[]) => {
    if (!allowed.includes(value)) problems.push(`${path}: '${value}' is not defined; allowed: ${allowed.join(', ')}`);
  };
  unique('regions', regionNames, problems);
  unique('sectors', sectorNames, problems);
  unique('scales', scaleNames, problems);
  unique('transport.vehicleClasses', classNames, problems);
  s.sectors.forEach((sec, i) => {
    for (const input of Object.keys(sec.inputs)) oneOf(`sectors[${i}].inputs.${input}`, input, sectorNames);
  });
  if (s.sectors.every((x) => x.budgetShare === 0)) problems.push('sectors: at least one budgetShare must be > 0');
  s.firms.groups.forEach((g, i) => {
    oneOf(`firms.groups[${i}].sector`, g.sector, sectorNames);
    oneOf(`firms.groups[${i}].scale`, g.scale, scaleNames);
    if (Array.isArray(g.regions)) g.regions.forEach((r, j) => oneOf(`firms.groups[${i}].regions[${j}]`, r, regionNames));
    if (g.regions === 'hub' && !s.regions.some((r) => r.hub)) problems.push(`firms.groups[${i}].regions: 'hub' but no region has hub: true`);
  });
  s.transport.vehicleClasses.forEach((v, i) => {
    const factor = EMISSION_FACTORS[v.factor];
    if (!factor) oneOf(`transport.vehicleClasses[${i}].factor`, v.factor, Object.keys(EMISSION_FACTORS));
    else if (factor.mode !== v.mode) problems.push(`transport.vehicleClasses[${i}].factor: '${v.factor}' is a ${factor.mode} factor but the class mode is ${v.mode}`);
    else if (s.transport.emissionsBasis === 'wtw' && factor.wtw === undefined)
      problems.push(`transport.vehicleClasses[${i}].factor: '${v.factor}' has no well-to-wheel value; with emissionsBasis wtw use one of ${Object.keys(EMISSION_FACTORS).filter((k) => EMISSION_FACTORS[k]!.wtw !== undefined).join(', ')}`);
  });
  s.transport.carriers.groups.forEach((g, i) => {
    oneOf(`transport.carriers.groups[${i}].vehicleClass`, g.vehicleClass, classNames);
    if (Array.isArray(g.regions)) g.regions.forEach((r, j) => oneOf(`transport.carriers.groups[${i}].regions[${j}]`, r, regionNames));
  });
  if (s.policy.localSubsidyScale) oneOf('policy.localSubsidyScale', s.policy.localSubsidyScale, scaleNames);
  for (const region of Object.keys(s.policy.regions)) oneOf(`policy.regions.${region}`, region, regionNames);
  for (const origin of Object.keys(s.policy.tariffFrom ?? {})) oneOf(`policy.tariffFrom.${origin}`, origin, regionNames);
  for (const [region, values] of Object.entries(s.policy.regions)) {
    for (const origin of Object.keys(values.tariffFrom ?? {})) oneOf(`policy.regions.${region}.tariffFrom.${origin}`, origin, regionNames);
  }
  checkExpressions('policy', s.policy as Record<string, unknown>, problems);
  for (const [region, values] of Object.entries(s.policy.regions)) checkExpressions(`policy.regions.${region}`, values, problems);
  s.shocks.forEach((shock, i) => {
    if ('region' in shock && shock.region !== undefined) oneOf(`shocks[${i}].region`, shock.region, regionNames);
    if ('sector' in shock) oneOf(`shocks[${i}].sector`, shock.sector, sectorNames);
    if (shock.kind === 'port-closure' && !s.regions.find((r) => r.name === shock.region)?.port)
      problems.push(`shocks[${i}].region: '${shock.region}' has no port (set port: true on that region)`);
  });
  s.regions.forEach((r, i) => {
    if (r.centre && (r.centre[0] >= s.grid.width || r.centre[1] >= s.grid.height))
      problems.push(`regions[${i}].centre: [${r.centre.join(', ')}] lies outside the ${s.grid.width} x ${s.grid.height} grid`);
  });
  return problems;
}

function checkExpressions(prefix: string, values: Record<string, unknown>, problems: string[]): void {
  for (const [key, value] of Object.entries(values)) {
    if (key === 'tariffFrom' && value && typeof value === 'object') {
      checkExpressions(`${prefix}.tariffFrom`, value as Record<string, unknown>, problems);
      continue;
    }
    if (typeof value !== 'string' || key === 'localSubsidyScale') continue;
    try {
      compileParam(value);
    } catch (err) {
      problems.push(`${prefix}.${key}: cannot use expression ${JSON.stringify(value)}: ${(err as Error).message}`);
    }
  }
}

function unique(path: string, names: string[], problems: string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) problems.push(`${path}: the name '${n}' is used twice`);
    seen.add(n);
  }
}

/** Walks the zod schema along `path` to list the keys an object there may have. */
function schemaAt(path: readonly PropertyKey[]): unknown {
  let node: unknown = ScenarioSpec;
  for (const key of path) {
    node = unwrap(node);
    const def = (node as { def?: Record<string, unknown> }).def;
    if (!def) return undefined;
    if (def.type === 'object') node = (def.shape as Record<string, unknown>)[String(key)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return undefined;
  }
  return unwrap(node);
}

function unwrap(node: unknown): unknown {
  let current = node as { def?: { type: string; innerType?: unknown } } | undefined;
  while (current?.def && ['default', 'optional', 'nullable', 'prefault'].includes(current.def.type)) {
    current = current.def.innerType as typeof current;
  }
  return current;
}

function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  const node = schemaAt(path) as { def?: { type: string; shape?: Record<string, unknown> } } | undefined;
  return node?.def?.type === 'object' && node.def.shape ? Object.keys(node.def.shape) : [];
}

function discriminatorValuesAt(path: readonly PropertyKey[]): string[] {
  const node = schemaAt(path) as { def?: { type: string; options?: { def: { shape: { kind?: { def: { values: string[] } } } } }[] } } | undefined;
  if (node?.def?.type !== 'union' || !node.def.options) return [];
  return node.def.options.flatMap((o) => o.def.shape.kind?.def.values ?? []);
}

