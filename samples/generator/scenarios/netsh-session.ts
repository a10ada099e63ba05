// Opening a trace session the way the scenarios' users do: `netsh trace start`, so netsh.exe is the controller.
// Each scenario only states what is specific to its machine (OS, CPUs, clock, time zone, where the file goes).
import { TraceBuilder, type SessionSpec, type Thread } from '../trace-builder.js';
import { NETSH } from './env.js';

export type NetshMachine = Omit<SessionSpec, 'controller'> & {
  /** netsh.exe's thread when it ran on another CPU than the default one. */
  controller?: Thread;
};

/** A builder for a session started by netsh on `machine`; `seed` fixes every random value the scenario draws. */
export function netshTrace(machine: NetshMachine, seed: number): TraceBuilder {
  return new TraceBuilder({ ...machine, controller: machine.controller ?? NETSH }, seed);
}
