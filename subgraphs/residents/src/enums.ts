import { registerEnumType } from 'type-graphql';

export enum RegionLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  GRID = 'GRID',
}
registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'City → district (区) → street (街道) → community (社区) → grid (网格).',
});

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender' });

export enum AgeBand {
  UNDER_18 = 'UNDER_18',
  FROM_18_TO_59 = 'FROM_18_TO_59',
  FROM_60_TO_79 = 'FROM_60_TO_79',
  FROM_80 = 'FROM_80',
}
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age this calendar year (the year now minus the year of birth).' });

export enum CareVisitStatus {
  PLANNED = 'PLANNED',
  CLOSED = 'CLOSED',
}
registerEnumType(CareVisitStatus, {
  name: 'CareVisitStatus',
  description: 'PLANNED (the assignee may visit within the window) → CLOSED (outcome recorded).',
});

export enum CareVisitSource {
  PLANNED_BY_STAFF = 'PLANNED_BY_STAFF',
  CARE_ALERT = 'CARE_ALERT',
}
registerEnumType(CareVisitSource, { name: 'CareVisitSource' });

export enum AssistanceKind {
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  TEMPORARY_AID = 'TEMPORARY_AID',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
  ELDERLY_CARE = 'ELDERLY_CARE',
}
registerEnumType(AssistanceKind, {
  name: 'AssistanceKind',
  description: '低保 (minimum living allowance), temporary aid, disability support, elderly care.',
});

export enum AssistanceStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}
registerEnumType(AssistanceStatus, { name: 'AssistanceStatus', description: 'OPEN (being assessed) → APPROVED | REFUSED.' });
