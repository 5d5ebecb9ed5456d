// The trail starts empty: the synthetic city holds no access to anyone's data, and the chain's first
// record links to the empty hash, so a fresh stack has nothing to write here.

/**
 * Never empty in the stack's sense: an audit database without records is already what a fresh stack
 * needs, so the stack has nothing to seed (and no bulk load to follow up) on any start.
 */
export async function isAuditEmpty(): Promise<boolean> {
  return false;
}

/** Writes nothing (`npm run seed` calls every department's seed): only reveals ever append to the trail. */
export async function seedAudit(): Promise<void> {}
