import { newStatsSecret } from '../privacy/small-cells';

/**
 * The one-row `StatsKey` table every department with protected statistics keeps
 * (`model StatsKey { id Int @id; salt String }`): what {@link statsSecret} needs of its Prisma client.
 */
export interface StatsKeyStore {
  readonly statsKey: {
    findUnique(args: { where: { id: number } }): PromiseLike<{ salt: string } | null>;
    upsert(args: {
      where: { id: number };
      create: { id: number; salt: string };
      update: Record<string, never>;
    }): PromiseLike<{ salt: string }>;
  };
}

const secrets = new WeakMap<object, Promise<string>>();

/**
 * The database's noise secret for `protectCounts`, read once per process (per client); a database
 * without one gets one now. Kept in the database, never served, so that every replica and every
 * restart draws the same noise: asking again never gives a fresh draw to average away.
 */
export function statsSecret(db: StatsKeyStore): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      const row = await db.statsKey.findUnique({ where: { id: 1 } });
      if (row) return row.salt;
      // Two processes may race to create it: the upsert keeps the first, and both read that one.
      return (await db.statsKey.upsert({ where: { id: 1 }, create: { id: 1, salt: newStatsSecret() }, update: {} })).salt;
    })();
    // A failed read is not remembered: the next question tries again.
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}
