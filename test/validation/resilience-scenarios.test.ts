// Validation case 6's knockout scenarios: the shock at home is the same in both economies (sectors, share, weeks) and
// reaches every mainland region, so the check compares the economies, not two different shocks.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/index.js';
import { validationScenario } from '../../validation/runs.js';

const shocks = (file: string) => loadScenario(validationScenario(file)).scenario.shocks;
const key = (s: ReturnType<typeof shocks>[number]) => JSON.stringify(s);

describe('validation case 6 knockout scenarios', () => {
  it('knock out the same plants, share and weeks in the global and the localized economy', () => {
    for (const suffix of ['knockout', 'knockout-north']) {
      const global = shocks(`resilience-global-${suffix}.yaml`).map(key).sort();
      const local = shocks(`resilience-local-${suffix}.yaml`).map(key).sort();
      expect(global.length, suffix).toBeGreaterThan(0);
      expect(local, suffix).toEqual(global);
    }
  });

  it('the shock at home hits every sector that makes goods in every region but the overseas hub', () => {
    const { scenario } = loadScenario(validationScenario('resilience-local.yaml'));
    const mainland = scenario.regions.map((r) => r.name).filter((r) => r !== 'overseas');
    const goods = scenario.sectors.filter((s) => s.tradable !== false).map((s) => s.name);
    const hit = shocks('resilience-local-knockout.yaml');
    expect(hit.every((s) => s.kind === 'firm-knockout')).toBe(true);
    const pairs = hit.map((s) => (s.kind === 'firm-knockout' ? `${s.region}/${s.sector}` : '')).sort();
    expect(pairs).toEqual(mainland.flatMap((r) => goods.map((g) => `${r}/${g}`)).sort());
    expect(new Set(hit.map((s) => JSON.stringify([s.kind === 'firm-knockout' ? s.share : 0, s.start, s.duration]))).size).toBe(1);
  });
});
