import { randomUUID } from 'node:crypto';
import { pathIds } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { caseYear, formatCaseNumber, nextSequence } from './case-number';
import type { Context } from './context';
import { CaseStatus, type CaseSource, type CaseType, type PartyKind } from './enums';
import { Prisma, type EnforcementCase as CaseRow, type Region as RegionRow } from './generated/prisma/client';

/** A party as checked at the API edge. */
export interface PartyDetails {
  readonly kind: PartyKind;
  readonly name: string;
  readonly residentId: string | null;
  readonly organisationId: string | null;
}

export interface NewCase {
  readonly type: CaseType;
  readonly source: CaseSource;
  /** The referred request's, petition's or alert's id; null for a patrol. */
  readonly originId: string | null;
  /** A building id or a region id. */
  readonly place: string;
  /** The first note of evidence, as checked at the API edge. */
  readonly note: string;
  readonly party: PartyDetails | null;
}

/** Where a place is: its region (a building's grid), that region's path, and its district. */
export interface Place {
  readonly buildingId: string | null;
  readonly region: RegionRow;
  readonly district: RegionRow;
}

/**
 * Registers a case (立案) with its first note of evidence and its case number, all in one transaction.
 * A referral is idempotent per origin: the unique (source, origin) index makes a second referral of
 * the same request or petition, even a concurrent one, find the first case.
 */
export async function openCase(context: Context, input: NewCase): Promise<CaseRow> {
  const origin = input.originId === null ? null : { source: input.source, originId: input.originId };
  if (origin) {
    const existing = await context.db.enforcementCase.findUnique({ where: { source_originId: origin } });
    if (existing) return existing;
  }
  const place = await locate(context, input.place);
  const now = context.now();
  const officerId = context.caller.sub ?? 'unknown';
  try {
    return await context.db.$transaction(async (tx) => {
      const year = caseYear(now);
      const sequence = await nextSequence(tx, place.district.id, year);
      const row = await tx.enforcementCase.create({
        data: {
          id: `ec-${randomUUID()}`,
          caseNumber: formatCaseNumber(place.district.name, year, sequence),
          type: input.type,
          source: input.source,
          originId: input.originId,
          status: CaseStatus.REGISTERED,
          buildingId: place.buildingId,
          regionId: place.region.id,
          regionPath: place.region.path,
          districtId: place.district.id,
          officerId,
          ...partyColumns(input.party),
          registeredAt: now,
        },
      });
      await tx.evidenceNote.create({
        data: { id: `ev-${randomUUID()}`, caseId: row.id, note: input.note, addedBy: officerId, addedAt: now },
      });
      return row;
    });
  } catch (error) {
    // A concurrent referral of the same origin won the race: its case is the one.
    if (origin && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const first = await context.db.enforcementCase.findUnique({ where: { source_originId: origin } });
      if (first) return first;
    }
    throw error;
  }
}

/** A party's columns of a case row; all null while the party is not known. */
export function partyColumns(
  party: PartyDetails | null,
): Pick<CaseRow, 'partyKind' | 'partyName' | 'partyResidentId' | 'partyOrganisationId'> {
  return {
    partyKind: party?.kind ?? null,
    partyName: party?.name ?? null,
    partyResidentId: party?.residentId ?? null,
    partyOrganisationId: party?.organisationId ?? null,
  };
}

/** Finds a place in the read model of places: a building id, or a region id in a district. */
export async function locate(context: Context, placeId: string): Promise<Place> {
  const building = await context.loaders.building.load(placeId);
  const region = await context.loaders.region.load(building ? building.gridId : placeId);
  if (!region) throw codedError('NOT_FOUND', `There is no building or region ${placeId}.`, { argument: 'place' });
  const districtId = pathIds(region.path)[1];
  const district = districtId ? await context.loaders.region.load(districtId) : null;
  if (!district)
    throw codedError('BAD_USER_INPUT', 'place must be a building or a region inside a district: a case is registered by a district.', {
      argument: 'place',
    });
  return { buildingId: building?.id ?? null, region, district };
}
