// The cluster files ship working command lines: the sbatch script runs a shard for real; the k8s Job's shard count,
// index and arguments are checked against what glocal accepts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepFromArgs } from '../../cli/sweep.js';
import { parseSweep } from '../../sweeps/sweep-file.js';
import { resolveShard } from '../../sweeps/shard.js';

const repo = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glocal-deploy-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('deploy/slurm/sweep.sbatch', () => {
  const script = fs.readFileSync(path.join(repo, 'deploy/slurm/sweep.sbatch'), 'utf8');

  it('runs the shard of its array task', async () => {
    const sweep = path.join(tmp, 'small.yaml');
    fs.writeFileSync(sweep, 'scenario: tiny\nticks: 2\nreplicates: 4\nparameters:\n  policy.carbonTaxPerTonne: [0, 50]\n');
    const out = path.join(tmp, 'slurm-out');
    const arrayMax = Number(/#SBATCH --array=0-(\d+)/.exec(script)![1]);
    const env = {
      ...process.env,
      SWEEP: sweep,
      OUT: out,
      GLOCAL: `${process.execPath} --import tsx cli/entry.ts`,
      SLURM_ARRAY_TASK_ID: '3',
      SLURM_ARRAY_TASK_COUNT: String(arrayMax + 1),
      SLURM_CPUS_PER_TASK: '1',
    };
    const child = spawn('bash', ['deploy/slurm/sweep.sbatch'], { cwd: repo, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(new RegExp(`shard 3/${arrayMax + 1} \\(from slurm\\): 1 runs`));
    expect(fs.readdirSync(path.join(out, 'runs'))).toHaveLength(1);
  });
});

describe('deploy/k8s/sweep-job.yaml', () => {
  const text = fs.readFileSync(path.join(repo, 'deploy/k8s/sweep-job.yaml'), 'utf8');
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  const configMap = docs.find((d) => d.kind === 'ConfigMap');
  const job = docs.find((d) => d.kind === 'Job');

  it('is an Indexed Job whose shard count equals its completions', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    const container = job.spec.template.spec.containers[0];
    const count = Number(container.env.find((e: { name: string }) => e.name === 'GLOCAL_SHARD_COUNT').value);
    expect(count).toBe(job.spec.completions);
    const last = resolveShard({ env: { JOB_COMPLETION_INDEX: String(job.spec.completions - 1), GLOCAL_SHARD_COUNT: String(count) } });
    expect(last).toMatchObject({ index: count - 1, count, source: 'kubernetes' });
  });

  it('runs a sweep file and flags that glocal accepts', () => {
    const [bin, command, file, ...flags] = job.spec.template.spec.containers[0].command as string[];
    expect([bin, command]).toEqual(['glocal', 'sweep']);
    expect(file).toBe('/sweep/sweep.yaml');
    expect(Object.keys(configMap.data)).toEqual(['sweep.yaml']);
    const def = parseSweep(parse(configMap.data['sweep.yaml']), 'sweep.yaml');
    expect(def.parameters.length).toBeGreaterThan(0);
    const opts = Object.fromEntries(flags.flatMap((f, i) => (f.startsWith('--') ? [[f.slice(2), flags[i + 1]]] : [])));
    expect(Object.keys(opts).sort()).toEqual(['jobs', 'out', 'progress']);
    const local = path.join(tmp, 'k8s-sweep.yaml');
    fs.writeFileSync(local, configMap.data['sweep.yaml']);
    expect(sweepFromArgs({ target: local, jobs: Number(opts.jobs) }).name).toBe(def.name);
  });

  it('carries a merge Job for after the shards', () => {
    const lines = text.split('\n');
    const merge = parse(lines.slice(lines.indexOf('# merge-job')).map((l) => l.replace(/^# {2}/, '')).join('\n'));
    expect(merge.kind).toBe('Job');
    expect(merge.spec.template.spec.containers[0].command.slice(0, 3)).toEqual(['glocal', 'sweep', 'merge']);
  });
});
