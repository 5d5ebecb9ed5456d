import { describe, expect, it } from '@jest/globals';
import { BoundedQueue, type Admission } from '../src/bounded-queue';

const leaveOf = (admission: Admission) => {
  if (!admission.admitted) throw new Error(`refused: ${admission.reason}`);
  return admission.leave;
};

describe('BoundedQueue', () => {
  it('gives maxInFlight places at once, queues maxQueued in order, and refuses one more at once as full', async () => {
    const queue = new BoundedQueue({ maxInFlight: 2, maxQueued: 2, maxWaitMs: 60_000 });
    const first = await Promise.all([queue.enter(), queue.enter()]);
    const order: number[] = [];
    const waiting = [3, 4].map((n) => queue.enter().then((admission) => (order.push(n), admission)));
    expect(queue.load).toEqual({ inFlight: 2, queued: 2 });
    await expect(queue.enter()).resolves.toEqual({ admitted: false, reason: 'full' });
    expect(queue.load).toEqual({ inFlight: 2, queued: 2 });

    const leaveFirst = leaveOf(first[0]!);
    leaveFirst();
    leaveFirst(); // giving a place back twice gives back one
    const third = leaveOf(await waiting[0]!);
    expect(order).toEqual([3]);
    expect(queue.load).toEqual({ inFlight: 2, queued: 1 });
    leaveOf(first[1]!)();
    const fourth = leaveOf(await waiting[1]!);
    expect(order).toEqual([3, 4]);
    third();
    fourth();
    expect(queue.load).toEqual({ inFlight: 0, queued: 0 });
  });

  it('refuses a waiter whose wait ran out, and it holds no place', async () => {
    const queue = new BoundedQueue({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 10 });
    const leave = leaveOf(await queue.enter());
    await expect(queue.enter()).resolves.toEqual({ admitted: false, reason: 'timeout' });
    expect(queue.load).toEqual({ inFlight: 1, queued: 0 });
    leave();
    expect(queue.load).toEqual({ inFlight: 0, queued: 0 });
  });

  it('frees the place of a waiter that gave up, for the next one in line', async () => {
    const queue = new BoundedQueue({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 60_000 });
    const leave = leaveOf(await queue.enter());
    const gone = new AbortController();
    const abandoned = queue.enter(gone.signal);
    gone.abort();
    await expect(abandoned).resolves.toEqual({ admitted: false, reason: 'abandoned' });
    expect(queue.load).toEqual({ inFlight: 1, queued: 0 });
    // Its place in the queue is free again, and the place it waited for goes to the next one.
    const next = queue.enter();
    expect(queue.load).toEqual({ inFlight: 1, queued: 1 });
    leave();
    leaveOf(await next)();
    expect(queue.load).toEqual({ inFlight: 0, queued: 0 });
  });
});
