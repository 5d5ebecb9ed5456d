import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { ExpensiveLane } from '../src/expensive-lane';

const codeOf = (error: unknown) => (error instanceof GraphQLError ? error.extensions['code'] : error);

describe('ExpensiveLane', () => {
  it('admits `concurrency` at once and the rest in the order they came, as turns are given back', async () => {
    const lane = new ExpensiveLane({ concurrency: 2, queue: 5 });
    const order: number[] = [];
    const leaves = await Promise.all([lane.enter(), lane.enter()]);
    const waiting = [3, 4, 5].map((n) => lane.enter().then((leave) => (order.push(n), leave)));
    expect(lane.load).toEqual({ running: 2, waiting: 3 });
    leaves[0]!();
    leaves[0]!(); // giving a turn back twice gives back one
    const third = await waiting[0]!;
    expect(order).toEqual([3]);
    expect(lane.load).toEqual({ running: 2, waiting: 2 });
    leaves[1]!();
    third();
    const rest = await Promise.all(waiting.slice(1));
    expect(order).toEqual([3, 4, 5]);
    for (const leave of rest) leave();
    expect(lane.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses one past the queue, and one that waited too long, with OVERLOADED; neither holds a turn', async () => {
    const lane = new ExpensiveLane({ concurrency: 1, queue: 1, waitMs: 20 });
    const leave = await lane.enter();
    const waited = lane.enter();
    await expect(lane.enter().catch(codeOf)).resolves.toBe('OVERLOADED');
    await expect(waited.catch(codeOf)).resolves.toBe('OVERLOADED');
    expect(lane.load).toEqual({ running: 1, waiting: 0 });
    leave();
    (await lane.enter())();
    expect(lane.load).toEqual({ running: 0, waiting: 0 });
  });
});
