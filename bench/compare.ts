// `glocal bench compare A.json B.json`: every figure both results share, as B/A, with the change read in the
// direction that is better; figures more than 10% worse are flagged (exit 1 when any is).
import { readFileSync } from 'node:fs';
import type { Figure } from './figures.js';

export const REGRESSION_THRESHOLD = 0.1;

export interface ComparisonRow {
  key: string;
  unit: string;
  a: number;
  b: number;
  ratio: number;
  /** Positive = worse, as a share of A (0.15 = 15% worse), whichever direction is better for this figure. */
  worse: number;
  gate: boolean;
  flagged: boolean;
}

export interface Comparison {
  rows: ComparisonRow[];
  onlyInA: string[];
  onlyInB: string[];
  flagged: number;
}

interface ResultLike {
  figures?: Figure[];
  suite?: string;
  machine?: { date?: string; gitCommit?: string | null; loadAvgStart?: number[] };
}

export function readResultFile(file: string): ResultLike {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as ResultLike;
  if (!Array.isArray(parsed.figures)) throw new Error(`${file}: not a glocal bench result (no "figures" list)`);
  return parsed;
}

export function compareFigures(a: readonly Figure[], b: readonly Figure[], threshold = REGRESSION_THRESHOLD): Comparison {
  const byKey = new Map(b.map((f) => [f.key, f]));
  const rows: ComparisonRow[] = [];
  const onlyInA: string[] = [];
  for (const fa of a) {
    const fb = byKey.get(fa.key);
    if (!fb) {
      onlyInA.push(fa.key);
      continue;
    }
    const ratio = fa.value !== 0 ? fb.value / fa.value : Number.NaN;
    const change = fa.value !== 0 ? (fb.value - fa.value) / Math.abs(fa.value) : 0;
    const worse = fa.better === 'lower' ? change : -change;
    const gate = fa.gate && fb.gate;
    rows.push({ key: fa.key, unit: fa.unit, a: fa.value, b: fb.value, ratio, worse, gate, flagged: gate && worse > threshold });
  }
  const inA = new Set(a.map((f) => f.key));
  const onlyInB = b.filter((f) => !inA.has(f.key)).map((f) => f.key);
  return { rows, onlyInA, onlyInB, flagged: rows.filter((r) => r.flagged).length };
}

function num(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return abs >= 10 ? x.toFixed(1) : x.toPrecision(3);
}

export function formatComparison(c: Comparison, nameA = 'A', nameB = 'B'): string {
  const width = Math.max(6, ...c.rows.map((r) => r.key.length));
  const lines = [`${'figure'.padEnd(width)}  ${nameA.padStart(10)}  ${nameB.padStart(10)}     B/A   change`];
  for (const r of c.rows) {
    const change = `${r.worse > 0 ? 'worse' : 'better'} ${(Math.abs(r.worse) * 100).toFixed(1)}%`;
    const mark = r.flagged ? '  << REGRESSION' : r.gate ? '' : '  (machine)';
    lines.push(`${r.key.padEnd(width)}  ${num(r.a).padStart(10)}  ${num(r.b).padStart(10)}  ${r.ratio.toFixed(3).padStart(6)}   ${change}${mark}`);
  }
  if (c.onlyInA.length > 0) lines.push(`only in ${nameA}: ${c.onlyInA.join(', ')}`);
  if (c.onlyInB.length > 0) lines.push(`only in ${nameB}: ${c.onlyInB.join(', ')}`);
  lines.push(
    c.flagged > 0
      ? `${c.flagged} figure(s) more than ${REGRESSION_THRESHOLD * 100}% worse`
      : `no figure more than ${REGRESSION_THRESHOLD * 100}% worse (${c.rows.length} compared)`,
  );
  return lines.join('\n') + '\n';
}
