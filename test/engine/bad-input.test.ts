import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/engine.js';
import { scenariosDir } from '../../engine/model/paths.js';

function glocal(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/entry.ts', ...args], { encoding: 'utf8', cwd: join(scenariosDir(), '..') });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function badScenario(edit: (text: string) => string): string {
  const dir = tempDir();
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, edit(readFileSync(join(scenariosDir(), 'tiny.yaml'), 'utf8')));
  return file;
}

describe('bad scenarios give one clear message, exit 2, no stack trace, no output', () => {
  const cases: [string, (t: string) => string, RegExp][] = [
    ['unknown key', (t) => t.replace('initialCashCents:', 'initalCashCents:'), /households\.initalCashCents: unknown key 'initalCashCents' \(did you mean 'initialCashCents'\?\); allowed keys: count, /],
    ['wrong type', (t) => t.replace('count: 2000', 'count: many'), /households\.count: expected number, got "many"/],
    ['out of range', (t) => t.replace('incomeTaxRate: 0.2', 'incomeTaxRate: 0.2\n  localContentShare: 0\n  tariff: 0\nrestOfWorld: { spendRate: 1.5 }'), /restOfWorld\.spendRate: .*<=1.*got 1\.5/],
    ['bad expression', (t) => t.replace('incomeTaxRate: 0.2', 'incomeTaxRate: "0.2 * (t >"'), /policy\.incomeTaxRate: cannot use expression "0\.2 \* \(t >"/],
    ['unknown name in an expression', (t) => t.replace('incomeTaxRate: 0.2', 'incomeTaxRate: "0.2 * tick"'), /policy\.incomeTaxRate: cannot use expression .*Undefined symbol tick/],
    ['impossible grid', (t) => t.replace('centre: [40, 10]', 'centre: [140, 10]'), /regions\[2\]\.centre: \[140, 10\] lies outside the 48 x 20 grid/],
    ['undefined reference', (t) => t.replace('{ sector: food, scale: micro, share: 0.25 }', '{ sector: fish, scale: micro, share: 0.25 }'), /firms\.groups\[0\]\.sector: 'fish' is not defined; allowed: food, manufactured, energy, services/],
  ];
  it.each(cases)('%s', (_label, edit, message) => {
    const file = badScenario(edit);
    const out = join(tempDir(), 'out');
    const r = glocal(['run', file, '--out', out, '--ticks', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(file);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('validate checks without running; an unknown built-in lists the built-ins', () => {
    expect(glocal(['validate', 'tiny']).code).toBe(0);
    const r = glocal(['run', 'no-such-scenario']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no scenario file or built-in scenario named 'no-such-scenario'. Built-ins: .*tiny/);
  });

  it('a bad --set path names the path', () => {
    const r = glocal(['validate', 'tiny', '--set', 'sectors.fish.basePriceCents=3']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sectors\.fish: no element 'fish'; elements are food, manufactured, energy, services/);
  });
});
