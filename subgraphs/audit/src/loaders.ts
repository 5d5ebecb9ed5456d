/** The audit trail is read in pages and by index; nothing here is loaded by key from a list. */
export function createLoaders() {
  return {};
}

export type Loaders = ReturnType<typeof createLoaders>;
