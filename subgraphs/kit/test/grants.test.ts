import { describe, expect, it } from '@jest/globals';
import type { Caller, RowScope } from '@liangling/schema';
import { RevealLog } from '../src/audit/reveal-log';
import type { DepartmentContext } from '../src/context';
import { purposeNeedsGrant, withGrant, type Grant, type GrantSource } from '../src/privacy/grants';

const scope: RowScope = { subjectIds: ['p-1'], regionPath: ['r-1'] };
const context = (caller: Caller): DepartmentContext => ({
  caller,
  db: undefined,
  loaders: undefined,
  requestId: 'r',
  reveals: new RevealLog(),
  now: () => new Date(0),
  submissionsPerDay: 30,
});

function source(lookup: (keys: readonly string[]) => Promise<ReadonlyMap<string, Grant>>): GrantSource & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    keyOf: (typeName, row: { id: string }) => (typeName === 'Resident' ? row.id : undefined),
    lookup: async (keys) => {
      batches.push([...keys]);
      return lookup(keys);
    },
  };
}

describe('grants', () => {
  const worker: Caller = { role: 'grid_worker', sub: 'gw-1', regions: ['r-1'], purpose: 'care-visit' };

  it('are needed for a person’s SENSITIVE purpose, not for a service’s or a purpose without SENSITIVE reach', () => {
    expect(purposeNeedsGrant(worker)).toBe(true);
    expect(purposeNeedsGrant({ ...worker, purpose: 'grid-visit' })).toBe(false);
    expect(purposeNeedsGrant({ role: 'service', sub: 'early-warning', regions: [], purpose: 'early-warning' })).toBe(false);
    expect(purposeNeedsGrant({ role: 'partner', regions: [], purpose: 'care-visit' })).toBe(false);
  });

  it('are looked up once per batch of rows, and merged into the row scope with their records', async () => {
    const grants = source(
      async (keys) =>
        new Map(
          keys
            .filter((key) => key !== 'p-3')
            .map((key) => [key, { purposes: ['care-visit'], records: [{ typeName: 'CareVisit', id: `cv-${key}` }] }]),
        ),
    );
    const request = context(worker);
    const results = await Promise.all(
      ['p-1', 'p-2', 'p-3'].map((id) => withGrant(grants, request, 'Resident', { id }, { ...scope, subjectIds: [id] })),
    );
    expect(grants.batches).toEqual([['p-1', 'p-2', 'p-3']]);
    expect(results[0]).toEqual({
      scope: { subjectIds: ['p-1'], regionPath: ['r-1'], grantedPurposes: ['care-visit'], departments: [] },
      records: [{ typeName: 'CareVisit', id: 'cv-p-1' }],
    });
    expect(results[2]).toEqual({ scope: { subjectIds: ['p-3'], regionPath: ['r-1'] }, records: [] });
    // Another request has its own loader: nothing cached across callers.
    await withGrant(grants, context(worker), 'Resident', { id: 'p-1' }, scope);
    expect(grants.batches).toHaveLength(2);
  });

  it('grant nothing when the lookup fails (fail closed), or for a type that takes none', async () => {
    const failing = source(async () => {
      throw new Error('database down');
    });
    expect(await withGrant(failing, context(worker), 'Resident', { id: 'p-1' }, scope)).toEqual({ scope, records: [] });
    expect(await withGrant(failing, context(worker), 'Household', { id: 'h-1' }, scope)).toEqual({ scope, records: [] });
    expect(failing.batches).toHaveLength(1);
  });
});
