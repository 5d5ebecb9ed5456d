import { DepartmentReference as Department, ListSize, PeriodInput, Sensitive } from '@liangling/kit';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';

/**
 * The city's departments. Supervision and assessment (监督考核) owns the list; every department's
 * subgraph adds its own performance figures to the same entity, so one query compares them all.
 */
export const DEPARTMENT_NAMES: Readonly<Record<string, string>> = {
  CIVIL_AFFAIRS: '民政局（网格与居民）',
  COMMUNITY_SERVICES: '社区服务（大邻居）',
  CITY_MANAGEMENT: '城市管理局（一键报修）',
  ENFORCEMENT: '综合行政执法局',
  PETITIONS: '信访局',
  EMERGENCY: '应急管理局',
  PUBLIC_SECURITY: '公安局',
  SUPERVISION: '监督考核办公室',
};

@ObjectType({ description: 'How often a department’s staff revealed personal data: the supervision office’s view.' })
export class PrivacyAccessFigures {
  @Field(() => Int, { description: 'Requests in which the department’s officers revealed personal data.' })
  records!: number;

  @Field(() => Int)
  residentsConcerned!: number;
}

/** Only the departments of the list exist: an unknown code resolves to null (this subgraph owns the list). */
export function resolveDepartment(reference: { code?: unknown }): Department | null {
  const code = String(reference.code);
  return DEPARTMENT_NAMES[code] ? { code } : null;
}

@Resolver(() => Department)
export class DepartmentResolver {
  @ListSize({ assumedSize: 50 })
  @Query(() => [Department], { description: 'Every department, for the supervision and assessment view.' })
  departments(): Department[] {
    return Object.keys(DEPARTMENT_NAMES).map((code) => ({ code }));
  }

  @FieldResolver(() => String)
  @Sensitive({ level: 'PUBLIC' })
  name(@Root() department: Department): string {
    // Every Department reaching here is on the list (the reference resolver refuses other codes).
    return DEPARTMENT_NAMES[department.code] ?? department.code;
  }

  @FieldResolver(() => PrivacyAccessFigures, { nullable: true, description: 'Access records of this department’s officers in the period.' })
  @Sensitive({ level: 'INTERNAL' })
  async privacyAccess(
    @Root() department: Department,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput,
  ): Promise<PrivacyAccessFigures> {
    const where = {
      actorDepartment: department.code,
      ...(period ? { at: { gte: period.from, lt: period.to } } : {}),
    };
    const rows = await context.db.accessRecord.findMany({ where, select: { subjectIds: true } });
    const subjects = new Set(rows.flatMap((row) => JSON.parse(row.subjectIds) as string[]));
    return { records: rows.length, residentsConcerned: subjects.size };
  }
}
