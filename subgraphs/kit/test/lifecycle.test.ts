import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { defineLifecycle, transition, type Transactional } from '../src';

type Status = 'OPEN' | 'TAKEN' | 'DONE';
const lifecycle = defineLifecycle<Status, 'take' | 'finish' | 'note', 'owner' | 'staff'>({
  subject: 'task',
  transitions: {
    take: { from: ['OPEN'], to: 'TAKEN', past: 'taken', parts: ['staff'] },
    finish: { from: ['TAKEN'], to: 'DONE', past: 'finished', parts: ['staff', 'owner'] },
    note: { from: ['OPEN', 'TAKEN'], past: 'noted' },
  },
  describeParts: { owner: 'the one who filed it', staff: 'the area’s staff' },
});

describe('defineLifecycle()', () => {
  it('answers what the table allows and where each action leads', () => {
    expect(lifecycle.actions).toEqual(['take', 'finish', 'note']);
    expect(lifecycle.allows('take', 'OPEN')).toBe(true);
    expect(lifecycle.allows('take', 'DONE')).toBe(false);
    expect(lifecycle.next('finish', 'TAKEN')).toBe('DONE');
    expect(lifecycle.next('note', 'TAKEN')).toBe('TAKEN');
    expect(lifecycle.next('finish', 'OPEN')).toBeNull();
  });

  it('refuses a caller who plays no part before looking at the status, and names who may', () => {
    const verdict = lifecycle.decide('take', 'DONE', new Set(['owner']));
    expect(verdict).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!verdict.ok && verdict.message).toContain('the area’s staff');
  });

  it('gives CONFLICT, naming the statuses needed, to a caller who may act but not now', () => {
    const verdict = lifecycle.decide('finish', 'OPEN', new Set(['owner']));
    expect(verdict).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(!verdict.ok && verdict.message).toBe('A task that is OPEN cannot be finished; that needs TAKEN. Nothing was changed.');
    expect(lifecycle.decide('finish', 'TAKEN', new Set(['owner', 'staff']))).toEqual({
      ok: true,
      from: 'TAKEN',
      to: 'DONE',
      part: 'staff',
    });
  });

  it('names a subject that starts with a vowel with "an"', () => {
    const alerts = defineLifecycle<'OPEN' | 'DONE', 'close'>({
      subject: 'alert',
      transitions: { close: { from: ['OPEN'], to: 'DONE', past: 'closed' } },
    });
    const verdict = alerts.decide('close', 'DONE');
    expect(!verdict.ok && verdict.message).toBe('An alert that is DONE cannot be closed; that needs OPEN. Nothing was changed.');
  });

  it('refuses a table with an action that no status allows', () => {
    expect(() => defineLifecycle<Status, 'never'>({ subject: 'task', transitions: { never: { from: [], past: 'never' } } })).toThrow(
      'never can be taken from no status',
    );
  });
});

interface Row {
  id: string;
  status: Status;
  note: string | null;
}

/** A table of rows with `updateMany`'s semantics and all-or-nothing transactions, in memory. */
function table(rows: Row[]) {
  let data = rows.map((row) => ({ ...row }));
  const tx = {
    updateMany(where: Partial<Row> & { id: string }, set: Partial<Row>) {
      const matches = data.filter((row) => Object.entries(where).every(([key, value]) => row[key as keyof Row] === value));
      for (const row of matches) Object.assign(row, set);
      return Promise.resolve({ count: matches.length });
    },
    find: (id: string) => Promise.resolve({ ...data.find((row) => row.id === id)! }),
    events: [] as string[],
  };
  const db: Transactional<typeof tx> = {
    async $transaction(run) {
      const before = data.map((row) => ({ ...row }));
      const events = tx.events.length;
      try {
        return await run(tx);
      } catch (error) {
        data = before;
        tx.events.length = events;
        throw error;
      }
    },
  };
  return { db, tx, rows: () => data };
}

const codeOf = (error: unknown) => (error instanceof GraphQLError ? error.extensions['code'] : error);

describe('transition()', () => {
  it('writes the move under the status guard, its timeline entry in the same transaction, and tells the loaders', async () => {
    const { db, tx, rows } = table([{ id: 't1', status: 'OPEN', note: null }]);
    const settled: Row[] = [];
    const moved = await transition(lifecycle, db, {
      action: 'take',
      row: { id: 't1', status: 'OPEN', note: null },
      parts: new Set(['staff']),
      update: (t, guard) => t.updateMany(guard.where, { ...guard.data, note: 'mine' }),
      after: async (t, step) => void t.events.push(`${step.action}:${step.from}->${step.to}:${step.part}`),
      read: (t) => t.find('t1'),
      settled: (row) => settled.push(row),
    });
    expect(moved).toEqual({ id: 't1', status: 'TAKEN', note: 'mine' });
    expect(rows()).toEqual([moved]);
    expect(tx.events).toEqual(['take:OPEN->TAKEN:staff']);
    expect(settled).toEqual([moved]);
  });

  it('refuses with CONFLICT and writes nothing when the row moved after it was read', async () => {
    const { db, tx, rows } = table([{ id: 't1', status: 'TAKEN', note: null }]);
    const stale: Row = { id: 't1', status: 'OPEN', note: null };
    const attempt = transition(lifecycle, db, {
      action: 'note',
      row: stale,
      update: (t, guard) => t.updateMany(guard.where, { ...guard.data, note: 'late' }),
      after: async (t) => void t.events.push('noted'),
      read: (t) => t.find('t1'),
    });
    await expect(attempt.catch(codeOf)).resolves.toBe('CONFLICT');
    expect(rows()).toEqual([{ id: 't1', status: 'TAKEN', note: null }]);
    expect(tx.events).toEqual([]);
  });

  it('refuses before writing when the table does not allow the move', async () => {
    const { db, rows } = table([{ id: 't1', status: 'DONE', note: null }]);
    let wrote = false;
    const move = (parts: Set<'owner' | 'staff'>) =>
      transition(lifecycle, db, {
        action: 'finish',
        row: { id: 't1', status: 'DONE', note: null },
        parts,
        update: async () => ((wrote = true), { count: 1 }),
        read: (t) => t.find('t1'),
      }).catch(codeOf);
    await expect(move(new Set())).resolves.toBe('FORBIDDEN');
    await expect(move(new Set(['owner']))).resolves.toBe('CONFLICT');
    expect(wrote).toBe(false);
    expect(rows()[0]!.status).toBe('DONE');
  });

  it('undoes the guarded write when a later write of the move fails', async () => {
    const { db, rows } = table([{ id: 't1', status: 'OPEN', note: null }]);
    const attempt = transition(lifecycle, db, {
      action: 'take',
      row: { id: 't1', status: 'OPEN', note: null },
      parts: new Set(['staff']),
      update: (t, guard) => t.updateMany(guard.where, guard.data),
      after: async () => {
        throw new Error('timeline unavailable');
      },
      read: (t) => t.find('t1'),
    });
    await expect(attempt).rejects.toThrow('timeline unavailable');
    expect(rows()[0]!.status).toBe('OPEN');
  });
});
