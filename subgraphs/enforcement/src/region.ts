import { decide } from '@liangling/schema';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { CaseStatus, CaseType, ENFORCEMENT } from './enums';
import type { CaseCount } from './loaders';
import { pathIds } from './places';

/**
 * The residents department's entity, seen from here: a key and the enforcement figures under it.
 * Where a region lies comes from this department's read model of places (prisma/schema.prisma).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Region {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'Cases of one type.' })
export class EnforcementTypeCount {
  @Field(() => CaseType)
  type!: CaseType;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count!: number | null;

  @Field({ description: 'True when the count is withheld from this caller (see `Region.enforcementStats`).' })
  suppressed!: boolean;
}

@ObjectType({ description: 'Cases in one status.' })
export class EnforcementStatusCount {
  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count!: number | null;

  @Field({ description: 'True when the count is withheld from this caller (see `Region.enforcementStats`).' })
  suppressed!: boolean;
}

@ObjectType({ description: 'Enforcement cases in a region and every region under it, by type and by status.' })
export class EnforcementStats {
  @Field(() => Int, { nullable: true, description: 'All cases; null when suppressed.' })
  total!: number | null;

  @Field({ description: 'True when the total is withheld.' })
  totalSuppressed!: boolean;

  @Field(() => [EnforcementTypeCount], { description: 'Every type, zeros included.' })
  byType!: EnforcementTypeCount[];

  @Field(() => [EnforcementStatusCount], { description: 'Every status, zeros included.' })
  byStatus!: EnforcementStatusCount[];

  @Field({ description: 'True when some count was withheld because it would single out a few people.' })
  suppressed!: boolean;
}

/** Cells below this many cases are withheld from callers not cleared for the people in them (domain.md). */
export const SMALL_CELL = 5;

@Resolver(() => Region)
export class RegionEnforcementResolver {
  @FieldResolver(() => EnforcementStats, {
    description: `Enforcement cases here and below, by type and status (综合执法统计). Exact for those who may see personal data of the region's cases (its staff, enforcement officers); for everyone else a count of 1 to ${SMALL_CELL - 1} is withheld, with the next smallest of its breakdown when it alone would be, so that no one is singled out.`,
  })
  async enforcementStats(@Root() region: Region, @Ctx() context: Context): Promise<EnforcementStats> {
    const [known, cells] = await Promise.all([context.loaders.region.load(region.id), context.loaders.caseCounts.load(region.id)]);
    // The same question the requests and residents departments ask: would PERSONAL data of these cases be revealed?
    const cleared = decide(context.caller, { level: 'PERSONAL', mask: 'NULL' }, { subjectIds: [], regionPath: known ? pathIds(known.path) : [], departments: [ENFORCEMENT] }) === 'REVEAL';
    return enforcementStats(cells, cleared);
  }
}

interface Cell<K> {
  readonly key: K;
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** Sums the cells of a region by type and by status, withholding small ones unless `cleared`. */
export function enforcementStats(cells: readonly CaseCount[], cleared: boolean): EnforcementStats {
  const byType = breakdown(Object.values(CaseType), cells, (cell) => cell.type, cleared);
  const byStatus = breakdown(Object.values(CaseStatus), cells, (cell) => cell.status, cleared);
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  const totalSuppressed = isSmall(total, cleared);
  return {
    total: totalSuppressed ? null : total,
    totalSuppressed,
    byType: byType.map(({ key, ...cell }) => ({ type: key, ...cell })),
    byStatus: byStatus.map(({ key, ...cell }) => ({ status: key, ...cell })),
    suppressed: totalSuppressed || [...byType, ...byStatus].some((cell) => cell.suppressed),
  };
}

function isSmall(count: number, cleared: boolean): boolean {
  return !cleared && count > 0 && count < SMALL_CELL;
}

function breakdown<K extends string>(keys: readonly K[], cells: readonly CaseCount[], keyOf: (cell: CaseCount) => string, cleared: boolean): Cell<K>[] {
  const counts = new Map<K, number>(keys.map((key) => [key, 0]));
  for (const cell of cells) {
    const key = keyOf(cell) as K;
    if (counts.has(key)) counts.set(key, (counts.get(key) as number) + cell.count);
  }
  const hidden = new Set(keys.filter((key) => isSmall(counts.get(key) as number, cleared)));
  if (hidden.size === 1) {
    // One withheld cell is the total minus the others: withhold the next smallest non-zero one as well.
    const next = keys.filter((key) => !hidden.has(key) && (counts.get(key) as number) > 0).sort((a, b) => (counts.get(a) as number) - (counts.get(b) as number))[0];
    if (next !== undefined) hidden.add(next);
  }
  return keys.map((key) => (hidden.has(key) ? { key, count: null, suppressed: true } : { key, count: counts.get(key) as number, suppressed: false }));
}

/** Any region id is a valid reference here: residents owns regions, this department only adds to them. */
export function resolveRegion(reference: { id?: unknown }): Region {
  return { id: String(reference.id) };
}
