// Fault injection for tests: GLOCAL_TEST_FAULT=tick:kernel:worker[:throw|exit|slow] makes one step worker throw, exit,
// or (slow) run that kernel ten times slower from that tick on. Read only inside step workers: a run that completes
// writes the same output with or without it.
import { KERNELS, type KernelName } from './protocol.js';

export interface Fault {
  tick: number;
  kernel: KernelName;
  worker: number;
  /**
   * 'throw': the kernel throws; 'exit': the worker thread exits with `exitCode` (a dying thread); 'slow': from `tick`
   * on, the first thread started as `worker` stalls nine times its busy time after each run of `kernel` (a thread the
   * pool should replace; its replacement runs normally).
   */
  mode: 'throw' | 'exit' | 'slow';
  exitCode: number;
}

export function parseFault(spec: string | undefined): Fault | undefined {
  if (!spec) return undefined;
  const [tick, kernel, worker, mode = 'throw'] = spec.split(':');
  const fault = { tick: Number(tick), kernel: kernel as KernelName, worker: Number(worker), mode: mode as Fault['mode'], exitCode: 7 };
  const valid = Number.isInteger(fault.tick) && Number.isInteger(fault.worker) && KERNELS.includes(fault.kernel) && (mode === 'throw' || mode === 'exit' || mode === 'slow');
  if (!valid) throw new Error(`GLOCAL_TEST_FAULT must be tick:kernel:worker[:throw|exit|slow] with kernel one of ${KERNELS.join(', ')}; got '${spec}'`);
  return fault;
}
