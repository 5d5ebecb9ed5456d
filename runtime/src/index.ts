// What every long-running process of the house shares, whatever floor it lives on: the department
// services (through the kit), the early-warning engine, the gateway and the launchers. Depends on nothing.
export { every } from './every';
export type { EveryOptions, Repeating } from './every';
export { stopOnSignals } from './stop-on-signals';
export type { Shutdown, SignalSource, StopOnSignalsOptions } from './stop-on-signals';
