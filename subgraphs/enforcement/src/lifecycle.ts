/**
 * An enforcement case's state machine (立案 → 调查 → 决定 → 执行 → 结案). Every change of a case goes
 * through one of these actions; an action whose `from` does not hold the case's status is refused with
 * CONFLICT and nothing is written. A pure table, so that it can be read and tested on its own.
 */
export enum CaseStatus {
  REGISTERED = 'REGISTERED',
  INVESTIGATING = 'INVESTIGATING',
  DECIDED = 'DECIDED',
  EXECUTED = 'EXECUTED',
  CLOSED = 'CLOSED',
}

export type CaseAction = 'startInvestigation' | 'addEvidence' | 'decide' | 'execute' | 'close';

export interface Transition {
  readonly from: readonly CaseStatus[];
  /** The status after the action; absent when the action leaves the status as it is. */
  readonly to?: CaseStatus;
  /** How the refusal names the action: "A case that is CLOSED cannot be <past>". */
  readonly past: string;
}

export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  startInvestigation: { from: [CaseStatus.REGISTERED], to: CaseStatus.INVESTIGATING, past: 'put under investigation' },
  // Evidence is gathered while investigating; once decided, the file is what the decision rests on.
  addEvidence: { from: [CaseStatus.INVESTIGATING], past: 'given more evidence' },
  decide: { from: [CaseStatus.INVESTIGATING], to: CaseStatus.DECIDED, past: 'decided' },
  execute: { from: [CaseStatus.DECIDED], to: CaseStatus.EXECUTED, past: 'executed' },
  close: { from: [CaseStatus.EXECUTED], to: CaseStatus.CLOSED, past: 'closed' },
};

/** True when the action may be taken from the status. */
export function allows(action: CaseAction, status: string): boolean {
  return (TRANSITIONS[action].from as readonly string[]).includes(status);
}

/** The status an action leads to from `status`, or null when the action is not allowed from it. */
export function next(action: CaseAction, status: string): CaseStatus | null {
  if (!allows(action, status)) return null;
  return TRANSITIONS[action].to ?? (status as CaseStatus);
}
