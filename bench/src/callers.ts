import { ANONYMOUS, type Caller } from '@liangling/schema';
import { WORKLOADS } from './workloads';

/**
 * The peer gateways have no auth of their own: the load generator names the workload in
 * `x-bench-workload`, and its fixed caller is the one they sign. Unknown or missing: anonymous.
 */
export function callerOfWorkload(name: string | readonly string[] | undefined): Caller {
  const workload = WORKLOADS.find((candidate) => candidate.name === name);
  return workload?.caller ?? ANONYMOUS;
}
