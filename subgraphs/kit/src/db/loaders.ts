import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by id: every `load` of one tick becomes one query; ids with no row
 * load as null.
 */
export function loaderById<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** A per-request loader of the rows that share a key (children of a parent), in the order given. */
export function loaderByGroup<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>();
    for (const row of await load([...keys])) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
