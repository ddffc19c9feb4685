// The shape of a validation case and its result: what the runner, the table, the report and the tests share.
// A case owns its scenarios, its published target, its tolerance and its source; its result owns its chart.

/** One line of the validation table: a published value, what glocal produced, and whether it is close enough. */
export interface CheckRow {
  /** What is compared, e.g. "CO2e of 10 t x 500 km by average HGV, TTW". */
  label: string;
  expected: string;
  got: string;
  tolerance: string;
  pass: boolean;
  /** How far off, in words, when it fails (e.g. "+7.2%, tolerance 5%"). */
  miss?: string;
}

export interface CaseChart {
  /** File name under docs/validation/ (an SVG). */
  file: string;
  caption: string;
  svg: string;
}

export interface CaseResult {
  rows: CheckRow[];
  charts: CaseChart[];
  /** Measured details for the report (Markdown paragraphs or bullet lines). */
  notes: string[];
}

export interface CaseContext {
  /** A scratch folder for this case's runs (removed by the runner unless kept). */
  workDir: string;
  /** Worker threads a case may use for many runs. */
  jobs: number;
  log(message: string): void;
}

export interface ValidationCase {
  id: string;
  /** The case number (1-7). */
  number: number;
  title: string;
  /** Scenario files under scenarios/validation/ (file names), each runnable with `glocal run`. */
  scenarios: string[];
  /** Citation of the published result. */
  source: string;
  /** fast: also in `npm test`; slow: many seeds or sweeps, only in `npm run validate`. */
  speed: 'fast' | 'slow';
  /** Markdown for docs/validation.md: how the scenario maps onto the published setting. */
  method: string;
  run(ctx: CaseContext): Promise<CaseResult>;
}
