import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SCOPES, SCOPE_NAMES, SERVICE_SCOPES, SUPERGRAPH_PATH, parseCaller, policiesOfSupergraph } from '../src';

const policies = policiesOfSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

describe('scopes', () => {
  it.each(SCOPE_NAMES)('%s names only fields the graph protects (a typo would grant nothing, silently)', (scope) => {
    for (const field of SCOPES[scope].reads as readonly string[]) expect(policies.get(field)?.field).toBe(field);
  });

  it('the device gateway is issued nothing to read; the engine reads no ID number, phone, name or other flag', () => {
    const reads = (subject: keyof typeof SERVICE_SCOPES) =>
      SERVICE_SCOPES[subject].flatMap((scope) => SCOPES[scope].reads as readonly string[]);
    expect(reads('device-gateway')).toEqual([]);
    for (const field of [
      'Resident.idNumber',
      'Resident.phone',
      'Resident.name',
      'Resident.lowIncome',
      'Resident.disability',
      'Petition.petitioner',
    ]) {
      expect(reads('early-warning')).not.toContain(field);
    }
  });

  it('a caller naming a scope outside the closed set, or a person naming any, is refused; a service’s known scopes kept', () => {
    expect(parseCaller({ role: 'service', regions: [], scopes: ['readings:write', 'everything'] })).toBeUndefined();
    expect(parseCaller({ role: 'service', regions: [], scopes: 'readings:write' })).toBeUndefined();
    expect(parseCaller({ role: 'service', regions: [], scopes: ['readings:write'] })).toEqual({
      role: 'service',
      regions: [],
      scopes: ['readings:write'],
    });
    expect(parseCaller({ role: 'grid_worker', regions: ['r-1'], scopes: ['care-flags:read'] })).toBeUndefined();
  });
});
