/** Options of {@link groupedCalls}. */
export interface GroupedCallsOptions {
  /** Items one call takes at most; a longer queue is drained in several calls. */
  readonly maxPerCall: number;
  /** Items waiting for the next call, beyond which `add` is refused at once instead of waiting without end. */
  readonly queueLimit: number;
  /** The error a refused `add` rejects with. */
  readonly full: (limit: number) => Error;
}

export interface GroupedCalls<Item> {
  /** Resolves once the call carrying these items has succeeded; rejects if it failed or the queue is full. */
  add(items: readonly Item[]): Promise<void>;
}

interface Pending<Item> {
  readonly items: readonly Item[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for any call that takes many items at once (a transaction, a POST): items that arrive
 * while a call is running wait and go into the next call together, in arrival order, so one call
 * carries many requests' items and none waits longer than the call before it. A failed call rejects
 * every `add` it carried. One call runs at a time.
 */
export function groupedCalls<Item>(call: (items: readonly Item[]) => Promise<void>, options: GroupedCallsOptions): GroupedCalls<Item> {
  const queue: Pending<Item>[] = [];
  let queued = 0;
  let running = false;

  const drain = async (): Promise<void> => {
    running = true;
    try {
      while (queue.length > 0) {
        const group: Pending<Item>[] = [];
        let count = 0;
        while (queue.length > 0 && (group.length === 0 || count + queue[0]!.items.length <= options.maxPerCall)) {
          const next = queue.shift()!;
          group.push(next);
          count += next.items.length;
        }
        queued -= count;
        try {
          await call(group.flatMap((pending) => pending.items));
          for (const pending of group) pending.resolve();
        } catch (error) {
          for (const pending of group) pending.reject(error);
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    add(items) {
      if (items.length === 0) return Promise.resolve();
      if (queued + items.length > options.queueLimit) return Promise.reject(options.full(options.queueLimit));
      return new Promise<void>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        queued += items.length;
        if (!running) void drain();
      });
    },
  };
}
