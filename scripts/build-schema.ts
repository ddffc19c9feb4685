// Writes schema/scenario.schema.json from the zod schema (run: npx tsx scripts/build-schema.ts).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from '../engine/model/json-schema.js';
import { packageRoot } from '../engine/model/paths.js';

mkdirSync(join(packageRoot(), 'schema'), { recursive: true });
writeFileSync(join(packageRoot(), 'schema', 'scenario.schema.json'), JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
