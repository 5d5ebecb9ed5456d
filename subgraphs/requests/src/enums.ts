import { registerEnumType } from 'type-graphql';

export enum RepairCategory {
  WATER = 'WATER',
  POWER = 'POWER',
  GAS = 'GAS',
  HEATING = 'HEATING',
  PROPERTY = 'PROPERTY',
  SANITATION = 'SANITATION',
  ROAD = 'ROAD',
  OTHER = 'OTHER',
}
registerEnumType(RepairCategory, { name: 'RepairCategory', description: '水电气暖 and the rest of one-click repair.' });

export enum RequestStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  DISPATCHED = 'DISPATCHED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  ESCALATED = 'ESCALATED',
}
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description:
    'SUBMITTED → ACCEPTED → DISPATCHED → IN_PROGRESS → RESOLVED → CLOSED; ESCALATED when passed up a tier, to be accepted again there.',
});

export enum RequestTier {
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
  DISTRICT = 'DISTRICT',
  CITY = 'CITY',
}
registerEnumType(RequestTier, {
  name: 'RequestTier',
  description: 'Who answers for a request now (分级响应); CITY is the city management platform.',
});
