// Building table rows: a value against a published number within a relative or absolute tolerance, or a direction.
// Every failing row says by how much it missed, so a red line in the table is never just "fail".
import type { CheckRow } from './types.js';

/** Fixed digits, without "-0". */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const s = x.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

export function pct(x: number, digits = 1): string {
  return `${x >= 0 ? '+' : ''}${fmt(100 * x, digits)}%`;
}

/** |got / expected - 1| <= tolerance. */
export function relativeCheck(label: string, expected: number, got: number, tolerance: number, digits = 3): CheckRow {
  const off = got / expected - 1;
  const pass = Number.isFinite(off) && Math.abs(off) <= tolerance;
  return {
    label,
    expected: fmt(expected, digits),
    got: `${fmt(got, digits)} (${pct(off)})`,
    tolerance: `±${fmt(100 * tolerance, 1)}%`,
    pass,
    ...(pass ? {} : { miss: `${pct(off)} off, tolerance ±${fmt(100 * tolerance, 1)}%` }),
  };
}

/** |got - expected| <= tolerance, in the value's unit. */
export function absoluteCheck(label: string, expected: number, got: number, tolerance: number, digits = 3, unit = ''): CheckRow {
  const off = got - expected;
  const pass = Number.isFinite(off) && Math.abs(off) <= tolerance;
  const u = unit ? ` ${unit}` : '';
  return {
    label,
    expected: `${fmt(expected, digits)}${u}`,
    got: `${fmt(got, digits)}${u}`,
    tolerance: `±${fmt(tolerance, digits)}${u}`,
    pass,
    ...(pass ? {} : { miss: `off by ${fmt(off, digits)}${u}` }),
  };
}

/** A direction or bound: `pass` decided by the caller, `miss` explains a failure. */
export function directionCheck(label: string, expected: string, got: string, pass: boolean, miss: string, tolerance = 'sign'): CheckRow {
  return { label, expected, got, tolerance, pass, ...(pass ? {} : { miss }) };
}
