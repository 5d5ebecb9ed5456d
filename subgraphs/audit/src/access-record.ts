import { ConnectionType, Sensitive, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { AccessRecord as AccessRecordRow, Prisma } from './generated/prisma/client';
import { chainOf } from './chain';
import type { Context } from './context';

@ObjectType({ description: 'One access to personal data: who saw which fields of which rows, when and why.' })
export class AccessRecord {
  @Field({ description: 'ISO-8601 instant.' })
  at!: string;

  @Field()
  requestId!: string;

  @Field({ description: 'The department service that revealed the data.' })
  subgraph!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { nullable: true })
  actorSub!: string | null;

  @Field(() => String, { nullable: true })
  actorDepartment!: string | null;

  @Field(() => String, { nullable: true })
  actorOrganisation!: string | null;

  @Field(() => String, { nullable: true, description: 'The application that carried the request.' })
  clientApp!: string | null;

  @Field(() => String, { nullable: true, description: 'The purpose the caller declared.' })
  purpose!: string | null;

  @Field({ description: 'The type whose fields were revealed.' })
  typeName!: string;

  @Field(() => String, { nullable: true, description: 'How the fields were learned: read, link, filter, search or alert (null in records older than this column).' })
  means!: string | null;

  @Field(() => String, { nullable: true, description: 'The client’s x-request-id, if it sent one: a correlation hint; `requestId` is the gateway’s own.' })
  correlationId!: string | null;

  @Field()
  hash!: string;
}

@ObjectType({ description: 'Where a page of the chain was checked: the first broken link, if any.' })
export class AuditChainReport {
  @Field()
  ok!: boolean;

  @Field(() => Int)
  checked!: number;

  @Field(() => Int, { nullable: true })
  firstBrokenSeq!: number | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Int, { description: 'The first record this verification checked: after the last checkpoint (incremental), or 1.' })
  fromSeq!: number;

  @Field(() => Int, { description: 'The last record known whole.' })
  lastSeq!: number;

  @Field(() => String, { nullable: true, description: 'Its hash: an anchor to keep outside the database, to prove after a restore that no record was lost.' })
  lastHash!: string | null;
}

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Records about this resident.' })
  subjectId?: string;

  @Field(() => String, { nullable: true, description: 'Records of this actor (token subject).' })
  actorSub?: string;

  @Field(() => String, { nullable: true })
  subgraph?: string;

  @Field(() => String, { nullable: true, description: 'From this instant (ISO-8601), inclusive.' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'Before this instant (ISO-8601).' })
  to?: string;
}

export const AccessRecordConnection = ConnectionType('AccessRecord', AccessRecord);

function requireAuditor(context: Context): void {
  if (context.caller.role !== 'auditor') throw codedError('FORBIDDEN', 'The audit trail is for the supervision office (auditors).');
}

@Resolver(() => AccessRecord)
export class AccessRecordResolver {
  @Query(() => AccessRecordConnection, { nullable: true, description: 'The audit trail, newest first; auditors only.' })
  @Sensitive({ level: 'INTERNAL' })
  async auditTrail(
    @Ctx() context: Context,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<AccessRecordRow>> {
    requireAuditor(context);
    const { take, afterKey } = pageArgs(first, after);
    const where: Prisma.AccessRecordWhereInput = {
      ...(filter?.actorSub ? { actorSub: filter.actorSub } : {}),
      ...(filter?.subgraph ? { subgraph: filter.subgraph } : {}),
      ...(filter?.from || filter?.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
    };
    if (filter?.subjectId) {
      const subjects = await context.db.accessSubject.findMany({ where: { subjectId: filter.subjectId }, select: { recordSeq: true } });
      where.seq = { in: subjects.map((subject) => subject.recordSeq) };
    }
    if (afterKey) where.AND = [{ seq: { lt: Number(afterKey) } }];
    const rows = await context.db.accessRecord.findMany({ where, orderBy: { seq: 'desc' }, take: take + 1 });
    return toConnection(rows, take, (row) => String(row.seq));
  }

  @Query(() => AuditChainReport, {
    nullable: true,
    description: 'Verifies the hash chain from the last verified record to the end and reports the first broken link; auditors only. (A full verification from the first record runs as a background job: docs/reliability.md.)',
  })
  @Sensitive({ level: 'INTERNAL' })
  verifyAuditChain(
    @Ctx() context: Context,
    @Arg('full', () => Boolean, { defaultValue: false, description: 'From the first record, not the last checkpoint: minutes at city scale.' }) full = false,
  ): Promise<AuditChainReport> {
    requireAuditor(context);
    return chainOf(context.db).verify({ full });
  }

  @FieldResolver(() => Int, { description: 'Position in the hash chain (stored as a 64-bit integer).' })
  seq(@Root() record: AccessRecordRow): number {
    return Number(record.seq);
  }

  @FieldResolver(() => [String], { description: 'The fields revealed.' })
  fields(@Root() record: AccessRecordRow): string[] {
    return JSON.parse(record.fields) as string[];
  }

  @FieldResolver(() => [ID], { description: 'The rows revealed.' })
  entityIds(@Root() record: AccessRecordRow): string[] {
    return JSON.parse(record.entityIds) as string[];
  }
}
