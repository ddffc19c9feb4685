// Turns zod issues on a sweep file into messages naming the path, the value given and what is allowed.
// Kept apart from sweep-file.ts so the schema stays readable; mirrors engine/model/check.ts for scenarios.
import type { z } from 'zod';
import { formatPath, valueAt, show, closest } from '../engine/model/messages.js';

type Issue = z.core.$ZodIssue;

const TOP_KEYS = ['$schema', 'name', 'description', 'scenario', 'seed', 'replicates', 'ticks', 'set', 'design', 'parameters', 'metrics', 'fork'];
const DESIGN_KEYS = ['kind', 'samples', 'trajectories', 'levels'];
const RANGE_KEYS = ['min', 'max', 'step', 'steps', 'integer', 'log'];

const UNION_HELP: Record<string, string> = {
  design: "a design name (grid, random, lhs, sobol, morris) or { kind, samples, trajectories, levels }",
  parameters: "a list of levels ([0, 50, 100]), a range ({ min, max, step, steps, integer, log }) or text ('0:200:50', '0:1', '0,0.5,1')",
};

export function describeSweepIssues(issues: readonly Issue[], input: unknown, prefix: PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => describeOne(issue, input, [...prefix, ...issue.path]));
}

function describeOne(issue: Issue, input: unknown, path: PropertyKey[]): string[] {
  const where = formatPath(path);
  const got = valueAt(input, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return issue.keys.map((key) => {
        const hint = closest(key, allowed);
        return `${formatPath([...path, key])}: unknown key '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; allowed keys: ${allowed.join(', ')}`;
      });
    }
    case 'invalid_type':
      return [got === undefined ? `${where}: required field is missing (expected ${issue.expected})` : `${where}: expected ${issue.expected}, got ${show(got)}`];
    case 'invalid_value':
      return [`${where}: ${show(got)} is not allowed; allowed values: ${issue.values.map((v) => show(v)).join(', ')}`];
    case 'invalid_union': {
      const branch = matchingBranch(issue.errors, got);
      if (branch) return describeSweepIssues(branch, input, path);
      const help = UNION_HELP[String(path[0])];
      return [`${where}: ${show(got)} is not allowed${help ? `; allowed: ${help}` : ''}`];
    }
    case 'too_small':
      return [`${where}: ${show(got)} is too small (minimum ${String(issue.minimum)})`];
    case 'too_big':
      return [`${where}: ${show(got)} is too large (maximum ${String(issue.maximum)})`];
    default:
      return [`${where}: ${issue.message}, got ${show(got)}`];
  }
}

/** The union branch whose type matched the value (its issues lie deeper), if exactly one did. */
function matchingBranch(branches: Issue[][], got: unknown): Issue[] | undefined {
  if (got === null || typeof got !== 'object') {
    // a scalar that matched a literal/enum branch type but not its values: report that branch
    const typed = branches.filter((b) => b.length > 0 && b.every((i) => i.code !== 'invalid_type'));
    return typed.length === 1 ? typed[0] : undefined;
  }
  const typed = branches.filter((b) => b.length > 0 && !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  return typed.length === 1 ? typed[0] : undefined;
}

function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return TOP_KEYS;
  if (path.length === 1 && path[0] === 'design') return DESIGN_KEYS;
  if (path.length === 2 && path[0] === 'parameters') return RANGE_KEYS;
  if (path.length === 1 && path[0] === 'fork') return ['warmup'];
  return [];
}

