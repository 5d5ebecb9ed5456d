import { describe, expect, it } from '@jest/globals';
import { bestCase, decide, type Caller, type Decision, type FieldPolicy, type RowScope } from '../src';

// The decide() table for service identities: scopes decide, no role covers every row (issue 15, item 4).
const GRID = 'r-210103-1-1-1';
const row: RowScope = {
  subjectIds: ['p-1'],
  regionPath: ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID],
  departments: ['CITY_MANAGEMENT'],
  organisations: ['org-water'],
};
const gridWorkerElsewhere: Caller = { role: 'grid_worker', sub: 'gw-2', regions: ['r-210102-1-1-1'] };

describe('decide() for service identities: scopes, never every row', () => {
  const careFlag: FieldPolicy = { level: 'SENSITIVE', mask: 'NULL', owner: 'id', field: 'Resident.elderly' };
  const idNumber: FieldPolicy = { level: 'SENSITIVE', mask: 'ID_NUMBER', owner: 'id', field: 'Resident.idNumber' };
  const phone: FieldPolicy = { level: 'PERSONAL', mask: 'PHONE', owner: 'id', field: 'Resident.phone' };
  const members: FieldPolicy = { level: 'PERSONAL', mask: 'NULL', owner: 'members', field: 'Household.members' };
  const listing: FieldPolicy = { level: 'INTERNAL', mask: 'REDACT', field: 'Query.residents' };
  const devicePlace: FieldPolicy = { level: 'INTERNAL', mask: 'REDACT', field: 'Device.place' };
  const stream: FieldPolicy = { level: 'SECRET', mask: 'REDACT', department: 'EMERGENCY', field: 'Device.streamAddress' };
  const unnamed: FieldPolicy = { level: 'PERSONAL', mask: 'NULL' };

  const services: Record<string, Caller> = {
    noScopes: { role: 'service', sub: 'x', regions: [], purpose: 'early-warning' },
    deviceGateway: { role: 'service', sub: 'device-gateway', regions: [], scopes: ['readings:write'], purpose: 'early-warning' },
    engine: { role: 'service', sub: 'early-warning', regions: [], scopes: ['devices:read', 'care-flags:read'], purpose: 'early-warning' },
    engineNoPurpose: { role: 'service', sub: 'early-warning', regions: [], scopes: ['devices:read', 'care-flags:read'] },
    engineOtherPurpose: { role: 'service', sub: 'early-warning', regions: [], scopes: ['care-flags:read'], purpose: 'escalation' },
  };

  // service → [care flag, ID number, phone, Household.members, Query.residents, Device.place, stream, a policy naming no field]
  const serviceTable: Record<keyof typeof services, readonly Decision[]> = {
    noScopes: ['DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY'],
    deviceGateway: ['DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY', 'DENY'],
    engine: ['REVEAL', 'DENY', 'DENY', 'REVEAL', 'DENY', 'REVEAL', 'DENY', 'DENY'],
    engineNoPurpose: ['MASK', 'DENY', 'DENY', 'REVEAL', 'DENY', 'REVEAL', 'DENY', 'DENY'],
    engineOtherPurpose: ['MASK', 'DENY', 'DENY', 'REVEAL', 'DENY', 'DENY', 'DENY', 'DENY'],
  };
  const fields = [careFlag, idNumber, phone, members, listing, devicePlace, stream, unnamed] as const;
  const cases = Object.entries(serviceTable).flatMap(([name, decisions]) =>
    fields.map((field, i) => [name, field.field ?? '(no field)', i, decisions[i]] as const),
  );

  it.each(cases)('%s reading %s (column %d) → %s', (name, _field, i, expected) => {
    expect(decide(services[name], fields[i]!, row)).toBe(expected);
    // The gateway's pre-check agrees: what no row shows is refused before planning.
    expect(bestCase(services[name], fields[i]!) === 'DENY').toBe(expected === 'DENY');
  });

  it('scopes carry nothing for a person: a grid worker with a scope claim decides as a grid worker', () => {
    const withScope: Caller = { ...gridWorkerElsewhere, scopes: ['care-flags:read'] };
    expect(decide(withScope, careFlag, row)).toBe('MASK');
    expect(decide(withScope, phone, row)).toBe('MASK');
  });
});
