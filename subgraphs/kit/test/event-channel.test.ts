import { describe, expect, it } from '@jest/globals';
import { eventChannel } from '../src/event-channel';

/** Everything an iterator yields until it ends. */
async function drain<T>(iterator: AsyncIterator<T>): Promise<T[]> {
  const values: T[] = [];
  for (let result = await iterator.next(); !result.done; result = await iterator.next()) values.push(result.value);
  return values;
}

describe('eventChannel()', () => {
  it('hands each subscriber the events its filter takes, in order, from the moment it subscribed', async () => {
    const channel = eventChannel<number>();
    channel.publish(0);
    const even = channel.subscribe((n) => n % 2 === 0);
    const all = channel.subscribe(() => true);
    // Registered on subscribing, before any read: events published meanwhile wait in its queue.
    for (const n of [1, 2, 3, 4]) channel.publish(n);
    await expect(even.next()).resolves.toEqual({ done: false, value: 2 });
    await expect(even.next()).resolves.toEqual({ done: false, value: 4 });
    await expect(all.next()).resolves.toEqual({ done: false, value: 1 });
    // A waiting reader is woken by the next event.
    const waiting = even.next();
    channel.publish(5);
    channel.publish(6);
    await expect(waiting).resolves.toEqual({ done: false, value: 6 });
    await even.return?.();
    await all.return?.();
  });

  it('frees a subscriber on return and on abort, ending a pending read', async () => {
    const channel = eventChannel<string>();
    const returned = channel.subscribe(() => true);
    const controller = new AbortController();
    const aborted = channel.subscribe(() => true, controller.signal);
    expect(channel.size).toBe(2);
    const pending = aborted.next();
    controller.abort();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await expect(returned.return?.()).resolves.toEqual({ done: true, value: undefined });
    expect(channel.size).toBe(0);
    channel.publish('after');
    await expect(returned.next()).resolves.toMatchObject({ done: true });
    // Already aborted: never registered.
    const late = channel.subscribe(() => true, controller.signal);
    expect(channel.size).toBe(0);
    await expect(late.next()).resolves.toMatchObject({ done: true });
  });

  it('ends a subscriber that falls bufferLimit events behind, and keeps serving the others', async () => {
    const channel = eventChannel<number>({ bufferLimit: 3 });
    const slow = channel.subscribe(() => true);
    const picky = channel.subscribe((n) => n > 10);
    for (const n of [1, 2, 3, 4]) channel.publish(n);
    expect(channel.size).toBe(1);
    await expect(drain(slow)).resolves.toEqual([]);
    channel.publish(11);
    await expect(picky.next()).resolves.toEqual({ done: false, value: 11 });
  });

  it('ends a for-await loop that breaks, freeing its subscriber', async () => {
    const channel = eventChannel<number>();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const n of channel.subscribe(() => true)) {
        seen.push(n);
        if (n === 2) break;
      }
    })();
    channel.publish(1);
    channel.publish(2);
    await reading;
    expect(seen).toEqual([1, 2]);
    expect(channel.size).toBe(0);
  });
});
