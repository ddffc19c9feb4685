// Fault injection for tests: GLOCAL_TEST_FAULT=tick:kernel:worker[:exit] makes one step worker throw (or exit)
// at that point. Read only inside step workers, so it can never change a run that completes.
import { KERNELS, type KernelName } from './protocol.js';

export interface Fault {
  tick: number;
  kernel: KernelName;
  worker: number;
  /** 'throw': the kernel throws; 'exit': the worker thread exits with `exitCode` (a dying thread). */
  mode: 'throw' | 'exit';
  exitCode: number;
}

export function parseFault(spec: string | undefined): Fault | undefined {
  if (!spec) return undefined;
  const [tick, kernel, worker, mode = 'throw'] = spec.split(':');
  const fault = { tick: Number(tick), kernel: kernel as KernelName, worker: Number(worker), mode: mode as Fault['mode'], exitCode: 7 };
  const valid = Number.isInteger(fault.tick) && Number.isInteger(fault.worker) && KERNELS.includes(fault.kernel) && (mode === 'throw' || mode === 'exit');
  if (!valid) throw new Error(`GLOCAL_TEST_FAULT must be tick:kernel:worker[:throw|exit] with kernel one of ${KERNELS.join(', ')}; got '${spec}'`);
  return fault;
}
