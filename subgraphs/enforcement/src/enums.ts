import { registerEnumType } from 'type-graphql';

/** The department that owns this subgraph: its officers alone handle cases and read evidence. */
export const ENFORCEMENT = 'ENFORCEMENT';

export enum CaseType {
  ILLEGAL_CONSTRUCTION = 'ILLEGAL_CONSTRUCTION',
  STREET_VENDING = 'STREET_VENDING',
  NOISE = 'NOISE',
  WASTE_DUMPING = 'WASTE_DUMPING',
  FIRE_SAFETY = 'FIRE_SAFETY',
  ILLEGAL_ADVERTISING = 'ILLEGAL_ADVERTISING',
  ILLEGAL_PARKING = 'ILLEGAL_PARKING',
  OTHER = 'OTHER',
}
registerEnumType(CaseType, {
  name: 'EnforcementCaseType',
  description: '违法建设, 占道经营, 噪声扰民, 乱倒垃圾, 消防安全, 违规广告, 违规停车 and the rest of comprehensive enforcement.',
});

export enum CaseSource {
  PATROL = 'PATROL',
  REQUEST_REFERRAL = 'REQUEST_REFERRAL',
  PETITION_REFERRAL = 'PETITION_REFERRAL',
  ALERT = 'ALERT',
}
registerEnumType(CaseSource, {
  name: 'EnforcementCaseSource',
  description: 'How a case came in: an officer’s patrol (巡查), or a referral of a repair request, a petition or an early-warning alert.',
});

/** Where a case stands in its lifecycle (lifecycle.ts). */
export enum CaseStatus {
  REGISTERED = 'REGISTERED',
  INVESTIGATING = 'INVESTIGATING',
  DECIDED = 'DECIDED',
  EXECUTED = 'EXECUTED',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, {
  name: 'EnforcementCaseStatus',
  description: 'REGISTERED (立案) → INVESTIGATING (调查) → DECIDED (决定) → EXECUTED (执行) → CLOSED (结案).',
});

export enum PartyKind {
  RESIDENT = 'RESIDENT',
  ORGANISATION = 'ORGANISATION',
}
registerEnumType(PartyKind, {
  name: 'EnforcementPartyKind',
  description: 'Whether the party investigated (当事人) is a person or an organisation.',
});
