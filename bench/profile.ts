// Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) as the top functions by self time.
// Exists so a missed target comes with the evidence of where the time goes: `glocal bench profile FILE`.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  /** `name (file:line)`, paths relative to the repository. */
  fn: string;
  selfMs: number;
  /** Share of all sampled time, 0..1. */
  selfShare: number;
}

/** Self time per function, summed over every node of the same function; largest first. */
export function summarizeProfile(profile: CpuProfile, root = process.cwd(), top = 20): ProfileEntry[] {
  const selfUs = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  // The delta after sample k is the time spent in it; the last sample gets no time (V8 convention).
  for (let k = 0; k < samples.length; k++) {
    const dt = timeDeltas[k + 1] ?? 0;
    selfUs.set(samples[k]!, (selfUs.get(samples[k]!) ?? 0) + Math.max(0, dt));
  }
  const byFn = new Map<string, number>();
  let totalUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    totalUs += us;
    const key = describeFrame(node.callFrame, root);
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ fn, selfMs: us / 1000, selfShare: totalUs > 0 ? us / totalUs : 0 }));
}

function describeFrame(frame: CpuProfileNode['callFrame'], root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const path = frame.url.startsWith('file://') ? relative(root, new URL(frame.url).pathname) : frame.url;
  // Under tsx every frame reports line 0 (the transpiled module), so a line is shown only when it means something.
  return frame.lineNumber > 0 ? `${name} (${path}:${frame.lineNumber + 1})` : `${name} (${path})`;
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** A Markdown table of the top entries, for bench/README.md and the console. */
export function profileTable(entries: ProfileEntry[]): string {
  const lines = ['| self % | self ms | function |', '|---:|---:|---|'];
  for (const e of entries) lines.push(`| ${(100 * e.selfShare).toFixed(1)} | ${e.selfMs.toFixed(0)} | \`${e.fn}\` |`);
  return lines.join('\n');
}
