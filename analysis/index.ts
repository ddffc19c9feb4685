// The public surface of glocal's analysis for scripts and notebooks (`glocal/analysis`): explicit named exports only.
// Reading runs, metric definitions, statistics, comparisons, sensitivity indices, charts and reports.
export { loadRun, readArrowTable, isRunDir } from './load.js';
export type { LoadedTable, LoadedColumn, RunData } from './load.js';
export { arrowFileToParquet } from './parquet.js';

export { computeRunMetrics, RUN_METRICS, METRIC_NAMES, PRE_SHOCK_WINDOW_TICKS, firstShockTick } from './run-metrics.js';
export {
  METRICS, BREAKDOWN_METRICS, COUNTERPART_METRICS, DEFAULT_LOCAL_CONTENT_KM, metricInfo, analyseRunData, runSeries,
  counterpartResilience, shockWindow, localContentKm,
} from './metrics.js';
export type { MetricInfo, MetricGroup, RunSeries, RunAnalysis, BreakdownValue, ShockWindow } from './metrics.js';

export { summarize, pairedDifference, welchDifference, meanAndSd, tQuantile, quantileSorted } from './stats.js';
export type { Interval } from './stats.js';
export { resilience, amplificationRatio } from './resilience.js';
export type { ResilienceMetrics, ResilienceOptions } from './resilience.js';
export { sobolIndices, morrisEffects } from './sensitivity.js';
export type { SobolIndex, SobolOptions, MorrisEffect, MorrisLayout } from './sensitivity.js';

export { findRunSources, readRunForMetrics, analyseRun, groupRuns, loadScenarioGroups, describeShocks } from './compare-groups.js';
export type { RunSource, AnalysedRun, ScenarioGroup, SweepPointRef } from './compare-groups.js';
export { compareDirs, compareGroups, difference, summarizeValues, chooseBaseline, SERIES } from './compare.js';
export type { Comparison, CompareOptions, MetricSummary, MetricDifference, SeriesSummary } from './compare.js';
export { sensitivityFromSweep, sensitivityTables, formatSensitivity, writeSensitivityReport } from './sensitivity-report.js';
export type { SensitivityResult, SensitivityOptions } from './sensitivity-report.js';

export { timeSeriesChart, resilienceChart, differenceChart, tornadoChart, scatterChart } from './charts.js';
export type { SeriesBand, DiffBar, TornadoBar, ScatterPoint } from './charts.js';
export { renderReport, htmlTable, markdownTable, csvTable, escapeHtml } from './report.js';
export type { ReportOptions, ReportSection, ReportFigure } from './report.js';
export { writeComparisonReport, formatNumber, formatInterval } from './report-build.js';
export type { BuildOptions, BuiltReport } from './report-build.js';
