import { codedError, type RowScope } from '@liangling/schema';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

/**
 * A city department, the entity every subgraph adds its figures to (监督考核: one query compares them
 * all). The audit subgraph owns the list and the names; every department, audit included, uses this
 * one class (named `DepartmentReference` here, as the kit's `Department` is the definition of a
 * department service) and contributes with a `@Resolver(() => DepartmentReference)` field resolver, so the key and its
 * description are the same in every subgraph.
 */
@ObjectType('Department', { description: 'A city department; each department service adds its own figures.' })
@Directive('@key(fields: "code")')
export class DepartmentReference {
  @Field(() => ID, { description: 'Department code, e.g. `CITY_MANAGEMENT`.' })
  code!: string;
}

/** The one period input of every department's figures, so that one supervision query passes one period to all of them. */
@InputType('PeriodInput', { description: 'A half-open period [from, to) of ISO-8601 instants.' })
export class PeriodInput {
  @Field()
  from!: string;

  @Field()
  to!: string;
}

/** Any department code is a valid reference for a department that only adds figures (the audit subgraph, which owns the list, checks codes). */
export function resolveDepartmentReference(reference: { code?: unknown }): DepartmentReference {
  return { code: String(reference.code) };
}

/** A department's figures are about the department, not about a person: the row scope of `Department`. */
export function departmentScope(department: DepartmentReference): RowScope {
  return { subjectIds: [], departments: [department.code] };
}

/**
 * Validates a period from the API (`BAD_USER_INPUT` naming the field otherwise): both ends ISO-8601
 * instants, `from` before `to`.
 */
export function parsePeriod(period: PeriodInput): { from: Date; to: Date } {
  const from = new Date(period.from);
  const to = new Date(period.to);
  if (Number.isNaN(from.getTime())) throw codedError('BAD_USER_INPUT', 'period.from is not an ISO-8601 instant.', { field: 'period.from' });
  if (Number.isNaN(to.getTime())) throw codedError('BAD_USER_INPUT', 'period.to is not an ISO-8601 instant.', { field: 'period.to' });
  if (from.getTime() >= to.getTime()) throw codedError('BAD_USER_INPUT', 'period.from must be before period.to.', { field: 'period' });
  return { from, to };
}

/** The Prisma condition "within the period" (`from` inclusive, `to` exclusive), or undefined for all time. */
export function periodWithin(period: PeriodInput | null | undefined): { gte: Date; lt: Date } | undefined {
  if (!period) return undefined;
  const { from, to } = parsePeriod(period);
  return { gte: from, lt: to };
}
