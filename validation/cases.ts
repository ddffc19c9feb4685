// The registry of validation cases (issue 7), in the order: each names its scenarios, target and source.
// `npm run validate` / `glocal validate-model` run them all; test/validation runs the fast ones.
import type { ValidationCase } from './types.js';
import { freightEmissions } from './cases/freight-emissions.js';
import { stockFlow } from './cases/stock-flow.js';
import { multiplier } from './cases/multiplier.js';
import { lm3 } from './cases/lm3.js';
import { corePeriphery } from './cases/core-periphery.js';
import { resilience } from './cases/resilience.js';
import { emissionsDistance } from './cases/emissions-distance.js';

export const CASES: readonly ValidationCase[] = [freightEmissions, multiplier, lm3, corePeriphery, stockFlow, resilience, emissionsDistance];

export function findCase(id: string): ValidationCase | undefined {
  return CASES.find((c) => c.id === id || String(c.number) === id);
}
