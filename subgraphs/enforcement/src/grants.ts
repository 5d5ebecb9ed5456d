import { peerCaller, type Grant, type GrantSource } from '@liangling/kit';
import { CALLER_CONTEXT_HEADER, type KeyMaterial, type ReplayGuard } from '@liangling/schema';
import type { Router } from 'express';
import { isEnforcementOfficer } from './access';
import type { CaseParty } from './case-party';
import type { Context, Db } from './context';
import { CaseStatus, ENFORCEMENT } from './enums';

const CASE_HANDLING = 'case-handling';

/**
 * An officer of this department sees a party's SENSITIVE details under `case-handling` only while the
 * case is open: the case row itself is the record of work, so no statement is needed.
 */
export const caseGrants: GrantSource<Context> = {
  keyOf(typeName, row: CaseParty) {
    return typeName === 'CaseParty' ? `${row.caseId}|${row.open ? 'open' : 'closed'}` : undefined;
  },
  async lookup(keys, context) {
    const granted = new Map<string, Grant>();
    if (!isEnforcementOfficer(context.caller) || context.caller.purpose !== CASE_HANDLING) return granted;
    for (const key of keys) {
      const [caseId, state] = key.split('|');
      if (state === 'open' && caseId)
        granted.set(key, { purposes: [CASE_HANDLING], records: [{ typeName: 'EnforcementCase', id: caseId }] });
    }
    return granted;
  },
};

/** Longest batch of residents one question may name. */
const MAX_RESIDENTS = 1000;

/**
 * `POST /grants/case-handling { residentIds }` → `{ parties: [{ residentId, caseId, department }] }`:
 * the open cases naming these residents as party. For other departments' services only (signed by
 * the kit as `subgraph:<name>`), so that residents can decide a party's ID number at its source from
 * this department's own records, in one statement per batch.
 */
export function caseHandlingGrants(
  router: Router,
  { db, callerKey, replayGuard }: { db: Db; callerKey: KeyMaterial; replayGuard: ReplayGuard },
): void {
  router.post('/grants/case-handling', async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 200_000) {
        res.status(413).json({ error: 'too large' });
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    // Signed for this very request: its method and body bytes, and a nonce not seen before.
    const from = await peerCaller(req.header(CALLER_CONTEXT_HEADER), callerKey, { method: req.method, body }, replayGuard);
    if (!from) {
      res.status(401).json({ error: 'department services only' });
      return;
    }
    let residentIds: unknown;
    try {
      residentIds = (JSON.parse(body.toString('utf8')) as { residentIds?: unknown }).residentIds;
    } catch {
      residentIds = undefined;
    }
    if (!Array.isArray(residentIds) || residentIds.length > MAX_RESIDENTS || !residentIds.every((id) => typeof id === 'string')) {
      res.status(400).json({ error: 'residentIds: up to 1000 strings' });
      return;
    }
    try {
      const cases = await db.enforcementCase.findMany({
        where: { partyResidentId: { in: residentIds as string[] }, status: { not: CaseStatus.CLOSED } },
        select: { id: true, partyResidentId: true },
      });
      res.json({ parties: cases.map((row) => ({ residentId: row.partyResidentId, caseId: row.id, department: ENFORCEMENT })) });
    } catch {
      res.status(503).json({ error: 'the case store is unavailable' });
    }
  });
}
