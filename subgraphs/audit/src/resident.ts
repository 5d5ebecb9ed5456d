import { ConnectionType, ResidentReference, Sensitive, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { AccessRecord as AccessRecordRow } from './generated/prisma/client';
import type { Context } from './context';

@ObjectType({ description: 'An access to a resident’s data, as the resident sees it: who, when, why; no other person’s ids.' })
export class AccessLogEntry {
  @Field()
  at!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { nullable: true })
  actorDepartment!: string | null;

  @Field(() => String, { nullable: true })
  clientApp!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field()
  subgraph!: string;

  @Field()
  typeName!: string;
}

const AccessLogConnection = ConnectionType('AccessLog', AccessLogEntry);

/** The residents department's entity, seen from here (the kit's key class): its access log is the resident's own data. */
export function residentScope(resident: ResidentReference): RowScope {
  return { subjectIds: [resident.id] };
}

@Resolver(() => ResidentReference)
export class ResidentAccessLogResolver {
  @FieldResolver(() => AccessLogConnection, {
    nullable: true,
    description: 'Who accessed this resident’s data, newest first (PIPL Art. 44–45): the resident themselves only.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  async accessLog(
    @Root() resident: ResidentReference,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<AccessRecordRow>> {
    if (context.caller.role !== 'resident' || context.caller.sub !== resident.id) {
      throw codedError('FORBIDDEN', 'Only the resident can read their own access log; auditors use auditTrail.');
    }
    const { take, afterKey } = pageArgs(first, after);
    const subjects = await context.db.accessSubject.findMany({
      where: { subjectId: resident.id, ...(afterKey ? { recordSeq: { lt: Number(afterKey) } } : {}) },
      orderBy: { recordSeq: 'desc' },
      take: take + 1,
      select: { recordSeq: true },
    });
    const rows = await context.db.accessRecord.findMany({ where: { seq: { in: subjects.map((subject) => subject.recordSeq) } }, orderBy: { seq: 'desc' } });
    return toConnection(rows, take, (row) => String(row.seq));
  }
}
