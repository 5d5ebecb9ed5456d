import type { ScheduledJob } from '@liangling/kit';
import { chainOf } from '../chain';
import type { Db } from '../context';

/** Incremental verification trusts what is behind its checkpoint; this re-reads everything, daily. */
export const fullChainVerification: ScheduledJob<Db> = {
  name: 'full-chain-verification',
  defaultIntervalMs: 24 * 60 * 60 * 1000,
  run: async ({ db }) => {
    const report = await chainOf(db).startFullVerification();
    if (!report.ok) console.error(`audit: full chain verification found record ${report.firstBrokenSeq} broken: ${report.reason}`);
    return report;
  },
};
