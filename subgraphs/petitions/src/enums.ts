import { registerEnumType } from 'type-graphql';

export enum PetitionChannel {
  VISIT = 'VISIT',
  LETTER = 'LETTER',
  ONLINE = 'ONLINE',
  HOTLINE_12345 = 'HOTLINE_12345',
}
registerEnumType(PetitionChannel, { name: 'PetitionChannel', description: '走访, 来信, 网上信访, or the 12345 citizen hotline.' });

/** Where a petition stands; how it moves between them is `petitionLifecycle` (lifecycle.ts). */
export enum PetitionStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  HANDLING = 'HANDLING',
  REPLIED = 'REPLIED',
  REVIEW_REQUESTED = 'REVIEW_REQUESTED',
  CLOSED = 'CLOSED',
}
registerEnumType(PetitionStatus, {
  name: 'PetitionStatus',
  description: 'RECEIVED → ACCEPTED | NOT_ACCEPTED; ACCEPTED → HANDLING → REPLIED → REVIEW_REQUESTED → CLOSED (REPLIED → CLOSED too).',
});

export enum OpinionOrder {
  SUPPORT = 'SUPPORT',
  RECENT = 'RECENT',
}
registerEnumType(OpinionOrder, { name: 'OpinionOrder', description: 'Most supported first, or newest first.' });
