// One process's live events of one kind (alerts raised, requests moved) for its open subscription
// streams: published once, after the write that made them committed; each subscriber reads those it
// asked for, in order. A subscriber is registered the moment it subscribes (not on its first read),
// so a department can read what it missed from the database afterwards and lose nothing in between.

/** Options of {@link eventChannel}. */
export interface EventChannelOptions {
  /**
   * Events a subscriber may fall behind by. A subscriber further behind is ended (its iteration
   * completes): the stream closes, and the gateway resumes it from the last event it received, read
   * from the database, instead of this process holding an unbounded queue for it. @default 1000
   */
  readonly bufferLimit?: number;
}

export interface EventChannel<T> {
  /** Hands the event to every subscriber whose filter takes it. */
  publish(event: T): void;
  /**
   * The events from now on that `filter` takes, until the iteration is returned, `signal` aborts, or
   * the subscriber falls `bufferLimit` events behind. Either way it is freed at once.
   */
  subscribe(filter: (event: T) => boolean, signal?: AbortSignal): AsyncIterableIterator<T>;
  /** Subscribers registered now. */
  readonly size: number;
}

interface Subscriber<T> {
  readonly filter: (event: T) => boolean;
  readonly queue: T[];
  /** The pending `next()`, when the subscriber waits for an event. */
  wake?: (result: IteratorResult<T>) => void;
  ended: boolean;
}

/** A channel of live events of one kind, for the subscription streams of this process. */
export function eventChannel<T>(options: EventChannelOptions = {}): EventChannel<T> {
  const bufferLimit = options.bufferLimit ?? 1000;
  const subscribers = new Set<Subscriber<T>>();

  const end = (subscriber: Subscriber<T>) => {
    subscriber.ended = true;
    subscriber.queue.length = 0;
    subscribers.delete(subscriber);
    const wake = subscriber.wake;
    subscriber.wake = undefined;
    wake?.({ done: true, value: undefined });
  };

  return {
    get size() {
      return subscribers.size;
    },
    publish(event) {
      for (const subscriber of [...subscribers]) {
        if (!subscriber.filter(event)) continue;
        if (subscriber.wake) {
          const wake = subscriber.wake;
          subscriber.wake = undefined;
          wake({ done: false, value: event });
        } else if (subscriber.queue.length >= bufferLimit) {
          end(subscriber);
        } else {
          subscriber.queue.push(event);
        }
      }
    },
    subscribe(filter, signal) {
      const subscriber: Subscriber<T> = { filter, queue: [], ended: false };
      const onAbort = () => end(subscriber);
      if (signal?.aborted) subscriber.ended = true;
      else {
        subscribers.add(subscriber);
        signal?.addEventListener('abort', onAbort, { once: true });
      }
      const done = (): IteratorResult<T> => {
        signal?.removeEventListener('abort', onAbort);
        end(subscriber);
        return { done: true, value: undefined };
      };
      const iterator: AsyncIterableIterator<T> = {
        next() {
          if (subscriber.queue.length > 0) return Promise.resolve({ done: false, value: subscriber.queue.shift() as T });
          if (subscriber.ended) return Promise.resolve(done());
          return new Promise<IteratorResult<T>>((resolve) => (subscriber.wake = resolve));
        },
        return: () => Promise.resolve(done()),
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
  };
}
