// Case 6: resilience in both directions (a shock abroad hurts the global economy more, one at home the localized
// one), each with a 95% interval over 30 seeds, and losses that grow more than linearly with the closure's duration.
import { pairedDifference, summarize, type Interval } from '../../analysis/stats.js';
import { resilience as resilienceMetrics } from '../../analysis/resilience.js';
import { differenceChart, timeSeriesChart, type DiffBar } from '../../analysis/charts.js';
import { directionCheck, fmt } from '../checks.js';
import { inRegions, perTick, runSweep, sum, table, validationScenario, type SweepRun } from '../runs.js';
import type { CaseContext, CaseResult, CheckRow, ValidationCase } from '../types.js';

const SEEDS = 30;
const SHOCK_START = 16;
const DURATIONS = [2, 4, 8, 16];
const MAINLAND = ['capital', 'coast', 'north', 'south', 'west', 'northeast', 'southeast'];

/** Mainland output per tick. */
function output(dir: string): Float64Array {
  const regions = table(dir, 'regions');
  return perTick(regions, 'output_value_cents', inRegions(regions, MAINLAND));
}

interface Loss { loss: number; net: number; during: number; after: number }

/**
 * Output lost from the shock to the end of the run against the same seed without the shock, as a share of that
 * counterfactual output: the resilience-triangle area of analysis/resilience.ts (shortfalls only), and the net
 * change (gains after the shock offset losses).
 */
function lossShare(hit: Float64Array, calm: Float64Array, duration: number): Loss {
  const n = Math.min(hit.length, calm.length);
  const base = sum(calm, SHOCK_START, n);
  const area = resilienceMetrics(hit.subarray(0, n), calm.subarray(0, n), SHOCK_START).cumulativeLoss;
  // The same area split at the end of the shock: while it lasts, and after (recovery, rebounds, lasting damage).
  const end = Math.min(n, SHOCK_START + duration);
  let during = 0;
  for (let t = SHOCK_START; t < end; t++) during += Math.max(0, calm[t]! - hit[t]!);
  return { loss: area / base, net: (base - sum(hit, SHOCK_START, n)) / base, during: during / base, after: (area - during) / base };
}

const byReplicate = (runs: SweepRun[]) => new Map(runs.map((r) => [r.replicate, r]));

async function losses(ctx: CaseContext, economy: 'global' | 'local', shock: 'port' | 'knockout', calm: Map<number, Float64Array>, parameters?: Record<string, number[]>) {
  const runs = await runSweep(ctx, { name: `${economy}-${shock}`, scenario: validationScenario(`resilience-${economy}-${shock}.yaml`), replicates: SEEDS, parameters });
  const duration = (r: SweepRun) => Number(r.values['shocks.0.duration'] ?? 8);
  return runs.map((r) => ({ ...r, ...lossShare(output(r.dir), calm.get(r.replicate)!, duration(r)) }));
}

async function calmOutputs(ctx: CaseContext, economy: 'global' | 'local'): Promise<Map<number, Float64Array>> {
  const runs = await runSweep(ctx, { name: `${economy}-calm`, scenario: validationScenario(`resilience-${economy}.yaml`), replicates: SEEDS });
  return new Map([...byReplicate(runs)].map(([k, r]) => [k, output(r.dir)]));
}

const asPct = (iv: Interval) => `${fmt(100 * iv.mean, 2)} pp [${fmt(100 * iv.lo, 2)}, ${fmt(100 * iv.hi, 2)}]`;

function excludesZeroAbove(label: string, iv: Interval): CheckRow {
  const pass = iv.lo > 0;
  return directionCheck(label, '> 0, 95% CI above 0', asPct(iv), pass, iv.mean > 0 ? `the 95% interval reaches ${fmt(100 * iv.lo, 2)} pp (includes 0)` : `mean difference ${fmt(100 * iv.mean, 2)} pp has the wrong sign`, '95% CI');
}

export const resilience: ValidationCase = {
  id: 'resilience',
  number: 6,
  title: 'Resilience in both directions, and losses convex in duration',
  scenarios: ['resilience-global.yaml', 'resilience-global-port.yaml', 'resilience-global-knockout.yaml', 'resilience-local.yaml', 'resilience-local-port.yaml', 'resilience-local-knockout.yaml'],
  source: 'OECD METRO (2020-21); Bonadio et al. (2021), J. Int. Econ. 133; Colon, Hallegatte & Rozenberg (2021), Nature Sustainability 4:209 (losses grow non-linearly with disruption duration)',
  speed: 'slow',
  method:
    '`baseline-global` and `localized`, shrunk to 5,000 households, 250 firms and 50 carriers (the scales of the ' +
    'built-ins, divided by 20) and run for 48 weeks, over ' +
    `${SEEDS} seeds each (the sweep seeds: replicate r has the same seed in every scenario, so runs pair by seed). ` +
    `From week ${SHOCK_START}: a closure of the overseas hub port (a shock abroad), or 80% of the food, manufacturing ` +
    "and energy plants of the mainland region `north` knocked out (a shock at home), each for 8 weeks. The loss is " +
    "mainland output (`output_value_cents`, all regions but `overseas`) lost from the shock to the end of the run " +
    'against the same seed without the shock (the resilience-triangle area of `analysis/resilience.ts`: shortfalls ' +
    'below the counterfactual, summed), as a share of that counterfactual output; the net change is in the notes. ' +
    'The differences between the economies are paired by seed, with Student-t 95% intervals. The ' +
    `duration sweep closes the port of the global economy for ${DURATIONS.join(', ')} weeks; losses grow more than ` +
    'linearly when the loss per week of closure rises with the duration: the check is the paired difference of the ' +
    `loss per week between ${DURATIONS[DURATIONS.length - 1]} and ${DURATIONS[0]} weeks.`,
  async run(ctx): Promise<CaseResult> {
    const calm = { global: await calmOutputs(ctx, 'global'), local: await calmOutputs(ctx, 'local') };
    const durations = await losses(ctx, 'global', 'port', calm.global, { 'shocks.0.duration': DURATIONS });
    const pointOf = (d: number) => DURATIONS.indexOf(d);
    const portGlobal = durations.filter((r) => r.point === pointOf(8)).sort((a, b) => a.replicate - b.replicate);
    const portLocal = (await losses(ctx, 'local', 'port', calm.local)).sort((a, b) => a.replicate - b.replicate);
    const knockGlobal = (await losses(ctx, 'global', 'knockout', calm.global)).sort((a, b) => a.replicate - b.replicate);
    const knockLocal = (await losses(ctx, 'local', 'knockout', calm.local)).sort((a, b) => a.replicate - b.replicate);
    const l = (runs: { loss: number }[]) => runs.map((r) => r.loss);
    const portDiff = pairedDifference(l(portGlobal), l(portLocal));
    const knockDiff = pairedDifference(l(knockLocal), l(knockGlobal));
    const perWeek = (d: number) => durations.filter((r) => r.point === pointOf(d)).sort((a, b) => a.replicate - b.replicate).map((r) => r.loss / d);
    const convexity = pairedDifference(perWeek(DURATIONS[DURATIONS.length - 1]!), perWeek(DURATIONS[0]!));
    const meanLoss = DURATIONS.map((d) => summarize(perWeek(d).map((x) => x * d)));
    const rows = [
      excludesZeroAbove('port closure: loss in global - loss in localized (share of output)', portDiff),
      excludesZeroAbove('plant knockout: loss in localized - loss in global (share of output)', knockDiff),
      excludesZeroAbove(`global port closure: loss per week of closure, ${DURATIONS[DURATIONS.length - 1]} weeks - ${DURATIONS[0]} weeks`, convexity),
    ];
    const mean = (xs: number[]) => fmt(100 * summarize(xs).mean, 2);
    const net = (runs: { net: number }[]) => mean(runs.map((r) => r.net));
    const netPerWeek = (d: number) => mean(durations.filter((r) => r.point === pointOf(d)).map((r) => r.net));
    const notes = [
      `Mean loss (shortfall area), port closure (8 weeks): global ${mean(l(portGlobal))}%, localized ${mean(l(portLocal))}% of counterfactual mainland output; plant knockout: global ${mean(l(knockGlobal))}%, localized ${mean(l(knockLocal))}%.`,
      `Net change (gains offset losses): port closure global ${net(portGlobal)}%, localized ${net(portLocal)}%; knockout global ${net(knockGlobal)}%, localized ${net(knockLocal)}%; global port closure by duration ${DURATIONS.map((d) => `${d} weeks ${netPerWeek(d)}%`).join(', ')}. A negative net loss means the shocked mainland produced more than without the shock (demand turned from imports to mainland firms).`,
      `Global port closure, mean loss by duration: ${DURATIONS.map((d, i) => `${d} weeks ${fmt(100 * meanLoss[i]!.mean, 2)}%`).join(', ')}; a loss proportional to duration would be ${DURATIONS.map((d) => fmt((100 * meanLoss[0]!.mean * d) / DURATIONS[0]!, 2)).join(', ')}%.`,
      `The same losses split at the reopening, while the port is closed + after it reopens: ${DURATIONS.map((d) => {
        const at = durations.filter((r) => r.point === pointOf(d));
        return `${d} weeks ${mean(at.map((r) => r.during))}% + ${mean(at.map((r) => r.after))}%`;
      }).join(', ')}.`,
    ];
    const trend = (m: Map<number, Float64Array>) => {
      const at = (t: number) => summarize([...m.values()].map((o) => o[t]!)).mean;
      const last = [...m.values()][0]!.length - 1;
      return `${fmt(at(last) / at(SHOCK_START), 2)}x from week ${SHOCK_START} to week ${last}`;
    };
    notes.push(
      `Counterfactual (no shock) mainland output: global ${trend(calm.global)}, localized ${trend(calm.local)}. A falling ` +
        'counterfactual (firms exiting, unmet demand rising) makes the localized economy a weak test bed: shocks that move ' +
        'demand towards its mainland firms can look like gains.',
      'Duration (diagnosed, still failing): the closure reaches the mainland mostly as lost sales of the interior ' +
        'regions (north, south, west, northeast lose 10-15% of their output while it lasts) to overseas buyers, not as ' +
        'an input shortage. Energy, the only intermediate input, is also made in `capital`, whose plants serve firms\' ' +
        'orders before households, so mainland input stocks never run out and no shortage propagates along supply ' +
        'chains (the mechanism behind Colon et al. 2021); the port regions barely lose. Prices and wages absorb a lost ' +
        'market: the loss rate builds over about 3 weeks, then eases, so a long closure is not dearer per week; and ' +
        'what comes with any closure (a dip of about 2 weeks after the reopening while orders turn back to overseas ' +
        'suppliers and the sea backlog clears, and the runs drifting apart afterwards) weighs more per week on short ' +
        'closures. The split above is not a clean attribution: output follows the closure with a lag of 1-3 weeks ' +
        '(production plans follow sales), so much of a short closure\'s own loss falls after the reopening; the ' +
        'shortfall while the port is closed does rise faster than the duration, but the part after the reopening, ' +
        'about the same for every duration, decides the check.',
      'Knockout: in both economies knocked-out plants of `north` tend to go under (they pay wages and fixed ' +
        'costs with no output, and exit soon after the 8 weeks), and north stays about 55-60% below the counterfactual ' +
        'to the end of the run: sellers elsewhere serve its market, so no entrant is triggered. In `localized` the other ' +
        'mainland regions take up more of that demand; in `baseline-global` more of it goes overseas, so the mainland ' +
        'total loses more in the global economy. The direction depends on input buffers: with firms holding one tick ' +
        'less of inputs on hand (before the base-stock rule of docs/model.md) the localized economy lost more.',
    );
    const bars: DiffBar[] = [
      { metric: 'Port closure abroad: loss global - localized (pp of output)', scenario: 'paired by seed', mean: 100 * portDiff.mean, lo: 100 * portDiff.lo, hi: 100 * portDiff.hi },
      { metric: 'Plant knockout at home: loss localized - global (pp of output)', scenario: 'paired by seed', mean: 100 * knockDiff.mean, lo: 100 * knockDiff.lo, hi: 100 * knockDiff.hi },
    ];
    const directions = await differenceChart(`Which economy loses more, ${SEEDS} seeds (95% intervals)`, bars, { xLabel: 'Difference in output lost (percentage points)' });
    const linear = DURATIONS.map((d) => (meanLoss[0]!.mean * d) / DURATIONS[0]!);
    const durationSvg = await timeSeriesChart('Global economy, hub port closed: output lost against closure length', 'Output lost (% of counterfactual)', [
      { name: `glocal, mean of ${SEEDS} seeds (95% band)`, tick: DURATIONS, mean: meanLoss.map((m) => 100 * m.mean), lo: meanLoss.map((m) => 100 * m.lo), hi: meanLoss.map((m) => 100 * m.hi) },
      { name: `proportional to duration (from ${DURATIONS[0]} weeks)`, tick: DURATIONS, mean: linear.map((x) => 100 * x), lo: DURATIONS.map(() => NaN), hi: DURATIONS.map(() => NaN) },
    ], { xLabel: 'Port closed for (weeks)' });
    return {
      rows,
      notes,
      charts: [
        { file: 'resilience-directions.svg', caption: 'Paired differences in output lost; a bar whose interval excludes 0 is a significant direction.', svg: directions },
        { file: 'resilience-duration.svg', caption: 'Output lost against the length of the port closure, with the line a loss proportional to duration would follow.', svg: durationSvg },
      ],
    };
  },
};
