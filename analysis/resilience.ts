// Resilience of a series after a shock: trough depth, recovery time and loss area (Bruneau et al. 2003 triangle),
// and Hallegatte's (2008) amplification ratio. Exists so every report measures recovery by one definition.

export interface ResilienceMetrics {
  /** 1 - min(Q/Qref) over t >= shockStart; 0 when the series never falls below its reference. */
  troughDepth: number;
  /** First tick (absolute index) where Q/Qref is lowest. */
  troughTick: number;
  /** Ticks from shockStart until Q/Qref >= tolerance and stays there for holdTicks; 0 if it never fell below; null if never recovered. */
  recoveryTicks: number | null;
  /** Sum over t >= shockStart of max(0, Qref - Q): the resilience-triangle area in Q units x ticks. */
  cumulativeLoss: number;
}

export interface ResilienceOptions {
  /** Share of the reference that counts as recovered (default 0.95). */
  tolerance?: number;
  /** Consecutive ticks the series must stay recovered (default 1). */
  holdTicks?: number;
}

function referenceAt(reference: ArrayLike<number> | number, t: number): number {
  return typeof reference === 'number' ? reference : reference[t];
}

/**
 * Ratio of the series to its reference. Ticks whose reference is not positive have no level to fall short of,
 * so they count as ratio 1 (unshocked); their shortfall still enters cumulativeLoss.
 */
function ratioSeries(series: ArrayLike<number>, reference: ArrayLike<number> | number): Float64Array {
  const ratio = new Float64Array(series.length);
  for (let t = 0; t < series.length; t++) {
    const ref = referenceAt(reference, t);
    ratio[t] = ref > 0 ? series[t] / ref : 1;
  }
  return ratio;
}

function checkInputs(series: ArrayLike<number>, reference: ArrayLike<number> | number, shockStart: number, holdTicks: number): void {
  if (typeof reference !== 'number' && reference.length !== series.length) {
    throw new RangeError(`resilience: reference has ${reference.length} ticks but the series has ${series.length}`);
  }
  if (!Number.isInteger(shockStart) || shockStart < 0 || shockStart >= series.length) {
    throw new RangeError(`resilience: shockStart must be an integer tick in [0, ${series.length - 1}], got ${shockStart}`);
  }
  if (!Number.isInteger(holdTicks) || holdTicks < 1) {
    throw new RangeError(`resilience: holdTicks must be an integer >= 1, got ${holdTicks}`);
  }
}

/**
 * First tick t >= from where ratio stays >= tolerance for holdTicks ticks in a row. A run cut off by the end of the
 * series before holdTicks have passed is not confirmed, so it returns -1 rather than guessing.
 */
function firstSustained(ratio: Float64Array, from: number, tolerance: number, holdTicks: number): number {
  let runStart = -1;
  for (let t = from; t < ratio.length; t++) {
    if (ratio[t] >= tolerance) {
      if (runStart < 0) runStart = t;
      if (t - runStart + 1 >= holdTicks) return runStart;
    } else {
      runStart = -1;
    }
  }
  return -1;
}

export function resilience(
  series: ArrayLike<number>,
  reference: ArrayLike<number> | number,
  shockStart: number,
  opts: ResilienceOptions = {},
): ResilienceMetrics {
  const tolerance = opts.tolerance ?? 0.95;
  const holdTicks = opts.holdTicks ?? 1;
  checkInputs(series, reference, shockStart, holdTicks);
  const ratio = ratioSeries(series, reference);

  let troughTick = shockStart;
  let cumulativeLoss = 0;
  for (let t = shockStart; t < series.length; t++) {
    if (ratio[t] < ratio[troughTick]) troughTick = t;
    cumulativeLoss += Math.max(0, referenceAt(reference, t) - series[t]);
  }
  const minRatio = ratio[troughTick];

  let recoveryTicks: number | null = 0;
  if (minRatio < tolerance) {
    // Recovery is only meaningful after the lowest point; an earlier brief return above tolerance is not recovery.
    const recoveredAt = firstSustained(ratio, troughTick, tolerance, holdTicks);
    recoveryTicks = recoveredAt < 0 ? null : recoveredAt - shockStart;
  }
  return { troughDepth: Math.max(0, 1 - minRatio), troughTick, recoveryTicks, cumulativeLoss };
}

/**
 * Hallegatte (2008): total (direct + indirect) losses over direct losses; > 1 means the economy amplified the
 * shock. NaN when there were no direct losses, since the ratio is then undefined.
 */
export function amplificationRatio(totalLoss: number, directLoss: number): number {
  if (!(directLoss > 0)) return NaN;
  return totalLoss / directLoss;
}
