import { defineLifecycle } from '@liangling/kit';
import { CaseStatus } from './enums';

/**
 * An enforcement case's state machine (立案 → 调查 → 决定 → 执行 → 结案). Every change of a case goes
 * through one of these actions, carried out by the kit's `transition()`; an action whose `from` does
 * not hold the case's status is refused with CONFLICT and nothing is written. Who may act is decided
 * before (enforcement officers only, access.ts), so no rule names parts.
 */
export const caseLifecycle = defineLifecycle({
  subject: 'case',
  transitions: {
    startInvestigation: { from: [CaseStatus.REGISTERED], to: CaseStatus.INVESTIGATING, past: 'put under investigation' },
    // Evidence is gathered while investigating; once decided, the file is what the decision rests on.
    addEvidence: { from: [CaseStatus.INVESTIGATING], past: 'given more evidence' },
    decide: { from: [CaseStatus.INVESTIGATING], to: CaseStatus.DECIDED, past: 'decided' },
    execute: { from: [CaseStatus.DECIDED], to: CaseStatus.EXECUTED, past: 'executed' },
    close: { from: [CaseStatus.EXECUTED], to: CaseStatus.CLOSED, past: 'closed' },
  },
});

export type CaseAction = (typeof caseLifecycle.actions)[number];
