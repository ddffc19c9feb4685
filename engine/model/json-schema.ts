// The scenario schema as JSON Schema (draft 2020-12), generated from the zod schema so the two cannot drift.
// Published as schema/scenario.schema.json for editors (YAML language server, VS Code) to autocomplete.
import { z } from 'zod';
import { ScenarioSpec } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSpec, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  // `extends` is resolved before validation (engine/model/load.ts); editors should accept it too.
  properties.extends = { type: 'string', description: 'A built-in scenario name or a path whose fields this file overrides.' };
  return { ...schema, title: 'glocal scenario', properties };
}
