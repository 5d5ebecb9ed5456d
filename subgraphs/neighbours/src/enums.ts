import { registerEnumType } from 'type-graphql';

export enum OrganisationKind {
  MERCHANT = 'MERCHANT',
  PROPERTY_MANAGEMENT = 'PROPERTY_MANAGEMENT',
  UTILITY_WATER = 'UTILITY_WATER',
  UTILITY_POWER = 'UTILITY_POWER',
  UTILITY_GAS = 'UTILITY_GAS',
  UTILITY_HEATING = 'UTILITY_HEATING',
  HOSPITAL = 'HOSPITAL',
  SCHOOL = 'SCHOOL',
  SOCIAL_ORG = 'SOCIAL_ORG',
  GOVERNMENT = 'GOVERNMENT',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'What kind of big neighbour (大邻居) an organisation is.' });

export enum NeighbourServiceCategory {
  ELDERLY_CARE = 'ELDERLY_CARE',
  MEALS = 'MEALS',
  HOUSEKEEPING = 'HOUSEKEEPING',
  REPAIR = 'REPAIR',
  HEALTH = 'HEALTH',
  LEGAL_AID = 'LEGAL_AID',
  VOLUNTEERING = 'VOLUNTEERING',
}
registerEnumType(NeighbourServiceCategory, {
  name: 'NeighbourServiceCategory',
  description: '养老、助餐、家政、维修、健康、法律援助、志愿服务.',
});

export enum NeighbourServiceStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(NeighbourServiceStatus, {
  name: 'NeighbourServiceStatus',
  description: 'A retired service stays on record but is offered no more.',
});
