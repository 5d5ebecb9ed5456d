import { Sensitive } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { ENFORCEMENT } from './enums';

/** A department of the city, shared by every subgraph, each adding its own performance figures. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Department {
  @Field(() => ID)
  code!: string;
}

@ObjectType({ description: 'How the enforcement department performed over a period (监督考核).' })
export class EnforcementPerformance {
  @Field(() => Int, { description: 'Cases registered in the period.' })
  casesOpened!: number;

  @Field(() => Int, { description: 'Cases closed in the period.' })
  casesClosed!: number;

  @Field(() => Float, { nullable: true, description: 'Median days from registration to closing of the cases closed in the period; null when none was.' })
  medianDaysToClose!: number | null;
}

@Resolver(() => Department)
export class DepartmentPerformanceResolver {
  @FieldResolver(() => EnforcementPerformance, {
    nullable: true,
    description: 'Cases opened and closed, and the median days to close, over an optional period; null for any department but ENFORCEMENT.',
  })
  @Sensitive({ level: 'INTERNAL', mask: 'NULL' })
  async enforcementPerformance(
    @Root() department: Department,
    @Ctx() context: Context,
    // Two arguments rather than a shared period input, so that this department's figures do not tie it
    // to another subgraph's input type.
    @Arg('from', () => Date, { nullable: true, description: 'Start of the period (inclusive); without it, since the first case.' }) from?: Date,
    @Arg('to', () => Date, { nullable: true, description: 'End of the period (exclusive); without it, until now.' }) to?: Date,
  ): Promise<EnforcementPerformance | null> {
    if (department.code !== ENFORCEMENT) return null;
    if (from && to && from.getTime() >= to.getTime()) throw codedError('BAD_USER_INPUT', 'from must be before to.', { argument: 'from' });
    const within = { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) };
    const [casesOpened, closed] = await Promise.all([
      context.db.enforcementCase.count({ where: { registeredAt: within } }),
      context.db.enforcementCase.findMany({ where: { closedAt: { not: null, ...within } }, select: { registeredAt: true, closedAt: true } }),
    ]);
    const days = closed.map((row) => ((row.closedAt as Date).getTime() - row.registeredAt.getTime()) / 86_400_000);
    return { casesOpened, casesClosed: closed.length, medianDaysToClose: median(days) };
  }
}

/** The median, rounded to a tenth of a day; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 10) / 10;
}

/** Any department code is a valid reference: supervision owns the list, this department only adds its figures. */
export function resolveDepartment(reference: { code?: unknown }): Department {
  return { code: String(reference.code) };
}
