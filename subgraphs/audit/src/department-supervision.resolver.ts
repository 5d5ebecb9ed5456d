import { DepartmentReference as Department, ListSize, PeriodInput, Sensitive } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { DEPARTMENT_NAMES, PrivacyAccessFigures } from './department-supervision';

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
