// The public surface of the glocal engine: explicit named exports only. The CLI uses nothing else.
export { loadScenario, validateScenario, resolveScenarioPath, parseScenarioText, listBuiltinScenarios } from './model/load.js';
export type { LoadedScenario, LoadOptions, BuiltinScenario } from './model/load.js';
export { ScenarioSpec } from './model/schema.js';
export type { Scenario, ScenarioInput } from './model/schema.js';
export { UserError, ScenarioError, isUserError } from './model/errors.js';
export { applyOverrides, parseSetFlags } from './model/overrides.js';
export { runScenario } from './sim/run.js';
export type { RunOptions, RunResult } from './sim/run.js';
export { BooksError } from './sim/books.js';
export { runIdOf, canonicalJson } from './output/manifest.js';
export type { Manifest } from './output/manifest.js';
export { createWorld } from './state/create.js';
export type { World } from './state/world.js';
export { createStepper, step, endTick, PHASES } from './sim/step.js';
export { GLOCAL_VERSION } from './version.js';
export { describeCheckpoint, restoreCheckpoint, findCheckpoint } from './checkpoint/restore.js';
export type { CheckpointOptions } from './checkpoint/session.js';
