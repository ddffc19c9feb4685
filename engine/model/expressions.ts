// Policy parameters as constants or mathjs expressions of the tick `t`, compiled once per scenario.
// Evaluated once per tick per region (not per agent), which mathjs does at millions per second.
import { createRequire } from 'node:module';
import type { EvalFunction, MathJsInstance } from 'mathjs';
import type { Param } from './schema.js';

// mathjs takes ~0.5 s to load: load it (synchronously) only when a scenario has an expression.
let math: MathJsInstance | undefined;
function mathjs(): MathJsInstance {
  if (math) return math;
  const { create, all } = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
  math = create(all, {});
  // Expressions are scenario data: keep them pure (no imports, no new units).
  math.import(
    {
      import: () => { throw new Error('import is disabled in scenario expressions'); },
      createUnit: () => { throw new Error('createUnit is disabled in scenario expressions'); },
    },
    { override: true },
  );
  return math;
}

/** A parameter ready to evaluate: `(t) => number`. Constants skip mathjs entirely. */
export type CompiledParam = (tick: number) => number;

export function compileParam(param: Param): CompiledParam {
  if (typeof param === 'number') return () => param;
  let code: EvalFunction;
  try {
    code = mathjs().compile(param);
  } catch (err) {
    throw new Error(`syntax error: ${(err as Error).message}`);
  }
  const scope = new Map<string, number>();
  const evaluate = (tick: number): number => {
    scope.set('t', tick);
    const value = code.evaluate(scope) as unknown;
    const n = typeof value === 'boolean' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new Error(`expression ${JSON.stringify(param)} gave ${String(value)} at t = ${tick}; it must give a finite number`);
    }
    return n;
  };
  // Try it at t = 0 so an undefined symbol or a non-number result is caught at load time.
  evaluate(0);
  return evaluate;
}
