import type { Grant, GrantSource } from '@liangling/kit';
import type { Resident as ResidentRow } from './generated/prisma/client';
import type { Context } from './context';
import { EMERGENCY } from './break-glass';
import { AssistanceStatus, CareVisitStatus } from './enums';

/** What enforcement answers: its open cases naming these residents as party, with the department handling them. */
interface CaseParties {
  readonly parties: readonly { readonly residentId: string; readonly caseId: string; readonly department: string }[];
}

const key = (householdId: string, residentId: string) => `${householdId}/${residentId}`;

/**
 * The residents department's grants, by the caller's declared purpose, each one statement for a whole
 * batch of residents (or one call to enforcement):
 * - `care-visit`: a PLANNED visit to the resident's household assigned to the caller, its window open;
 * - `emergency`: the caller's unexpired break-glass on the household;
 * - `case-handling`: an open enforcement case naming the resident as party, handled by the caller's
 *   department, asked of the enforcement department itself (it owns its cases: a case closed a second
 *   ago grants nothing now; enforcement unreachable grants nothing);
 * - `social-assistance`: an OPEN assistance application of the household handled by the caller.
 */
export const residentGrants: GrantSource<Context> = {
  keyOf(typeName, row: ResidentRow) {
    return typeName === 'Resident' ? key(row.householdId, row.id) : undefined;
  },
  async lookup(keys, context) {
    const { caller } = context;
    const granted = new Map<string, Grant>();
    if (!caller.sub && caller.purpose !== 'case-handling') return granted;
    const pairs = keys.map((entry) => entry.split('/') as [string, string]);
    const households = [...new Set(pairs.map(([household]) => household))];
    const now = context.now();
    if (caller.purpose === 'care-visit') {
      const visits = await context.db.careVisit.findMany({
        where: {
          assigneeId: caller.sub!,
          status: CareVisitStatus.PLANNED,
          householdId: { in: households },
          windowStart: { lte: now },
          windowEnd: { gt: now },
        },
        select: { id: true, householdId: true },
      });
      for (const [household, resident] of pairs) {
        const records = visits.filter((visit) => visit.householdId === household).map((visit) => ({ typeName: 'CareVisit', id: visit.id }));
        if (records.length > 0) granted.set(key(household, resident), { purposes: ['care-visit'], records });
      }
    } else if (caller.purpose === EMERGENCY) {
      const glasses = await context.db.breakGlass.findMany({
        where: { actorSub: caller.sub!, householdId: { in: households }, openedAt: { lte: now }, expiresAt: { gt: now } },
        select: { id: true, householdId: true },
      });
      for (const [household, resident] of pairs) {
        const records = glasses
          .filter((glass) => glass.householdId === household)
          .map((glass) => ({ typeName: 'BreakGlass', id: glass.id }));
        // An officer's break-glass makes the household theirs for the two hours, as a case would.
        if (records.length > 0)
          granted.set(key(household, resident), {
            purposes: [EMERGENCY],
            records,
            ...(caller.department ? { departments: [caller.department] } : {}),
          });
      }
    } else if (caller.purpose === 'social-assistance') {
      const applications = await context.db.assistanceApplication.findMany({
        where: { handlerId: caller.sub!, status: AssistanceStatus.OPEN, householdId: { in: households } },
        select: { id: true, householdId: true },
      });
      for (const [household, resident] of pairs) {
        const records = applications
          .filter((application) => application.householdId === household)
          .map((application) => ({ typeName: 'AssistanceApplication', id: application.id }));
        if (records.length > 0) granted.set(key(household, resident), { purposes: ['social-assistance'], records });
      }
    } else if (caller.purpose === 'case-handling' && caller.role === 'department_officer' && caller.department && context.peer) {
      const residentIds = pairs.map(([, resident]) => resident);
      const answer = (await context.peer('enforcement', '/grants/case-handling', { residentIds })) as CaseParties;
      if (!Array.isArray(answer?.parties)) throw new Error('enforcement answered no parties');
      for (const [household, resident] of pairs) {
        const records = answer.parties
          .filter((party) => party.residentId === resident && party.department === caller.department)
          .map((party) => ({ typeName: 'EnforcementCase', id: party.caseId }));
        if (records.length > 0)
          granted.set(key(household, resident), { purposes: ['case-handling'], departments: [caller.department], records });
      }
    }
    return granted;
  },
};
