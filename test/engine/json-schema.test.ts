import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from '../../engine/model/json-schema.js';
import { packageRoot } from '../../engine/model/paths.js';

describe('published JSON Schema', () => {
  it('schema/scenario.schema.json is up to date with the zod schema (regenerate: npx tsx scripts/build-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'scenario.schema.json'), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('forbids unknown keys and lists allowed values, so editors can flag typos', () => {
    const schema = scenarioJsonSchema() as { additionalProperties?: boolean; required?: string[]; properties: Record<string, { properties?: Record<string, unknown>; additionalProperties?: boolean }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'ticks', 'grid', 'regions', 'sectors']));
    expect(schema.properties.households!.additionalProperties).toBe(false);
    expect(JSON.stringify(schema.properties.transport)).toContain('"wtw"');
  });
});
