// Test for cli/demo.ts on tiny: a scenario and its port-closure twin, two seeds each, through the sweep pool, the
// comparison and the report; the real demo runs the same code on the built-in global and localized scenarios.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SCENARIOS, runDemo } from '../../cli/demo.js';
import { isUserError } from '../../engine/model/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-demo-'));
afterAll(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('glocal demo', () => {
  it('runs each scenario over the seeds, compares them and writes the report', async () => {
    const twin = path.join(dir, 'tiny-pc.yaml');
    fs.writeFileSync(twin, 'extends: tiny\nname: tiny-pc\nshocks:\n  - { kind: port-closure, region: abroad, start: 5, duration: 3 }\n');
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (printed.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = path.join(dir, 'out');
    await runDemo({ out, seeds: 2, scale: 1, ticks: 10, jobs: 2, scenarios: ['tiny', twin], baseline: 'tiny' });
    vi.restoreAllMocks();

    expect(fs.readdirSync(path.join(out, 'runs')).sort()).toEqual(['tiny', 'tiny-pc']);
    for (const sweep of ['tiny', 'tiny-pc']) expect(fs.readdirSync(path.join(out, 'runs', sweep, 'runs'))).toHaveLength(2);
    const text = printed.join('');
    expect(text).toContain('2 scenarios; baseline tiny;');
    expect(text).toContain('tiny-pc (2 seeds) vs tiny (2 seeds) (difference paired by seed)');
    const resilience = fs.readFileSync(path.join(out, 'report', 'resilience.csv'), 'utf8');
    expect(resilience).toContain('tiny-pc,output_loss_vs_noshock_cents');
    expect(fs.existsSync(path.join(out, 'report', 'report.html'))).toBe(true);
  });

  it('demonstrates the built-in global and localized scenarios, each with the port closure, by default', () => {
    expect(DEMO_SCENARIOS).toEqual(['baseline-global', 'port-closure', 'localized', 'port-closure-localized']);
  });

  it('rejects a bad --seeds or --scale as a user error', async () => {
    const base = { out: dir, scale: 1, seeds: 1, scenarios: ['tiny'], baseline: 'tiny' };
    for (const bad of [{ seeds: 0 }, { scale: 2 }, { jobs: 0.5 }]) {
      const err = await runDemo({ ...base, ...bad }).catch((e: unknown) => e);
      expect(isUserError(err)).toBe(true);
    }
  });
});
