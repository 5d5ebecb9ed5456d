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

  @Field(() => String, { nullable: true, description: 'How it was learned: read, link (followed from a record), filter, search or alert.' })
  means!: string | null;
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  resident: 'you',
  grid_worker: 'a grid worker',
  community_staff: 'community staff',
  department_officer: 'an officer',
  partner: 'a partner organisation',
  auditor: 'an auditor',
  service: 'an automated service',
  anonymous: 'an app',
};

const MEANS_WORDS: Readonly<Record<string, string>> = {
  read: 'by reading it',
  link: 'by following a link from another record',
  filter: 'by filtering a list on it',
  search: 'by searching on it',
  alert: 'through an alert',
};

/** A staff id shown to the resident without naming the person: its first two characters, the rest hidden. */
export function maskActor(sub: string | null): string | null {
  return sub ? `${Array.from(sub).slice(0, 2).join('')}***` : null;
}

/** The record in plain words: who (role, department or organisation, masked staff id), what, when, why and how. */
export function describeAccess(row: AccessRecordRow): string {
  const role = ROLE_WORDS[row.actorRole] ?? row.actorRole;
  const of = row.actorDepartment ? ` of ${row.actorDepartment}` : row.actorOrganisation ? ` of ${row.actorOrganisation}` : '';
  const who = row.actorRole === 'resident' ? 'You' : `${role[0]!.toUpperCase()}${role.slice(1)}${of} (${maskActor(row.actorSub) ?? 'unnamed'})`;
  const fields = (JSON.parse(row.fields) as string[]).join(', ');
  const why = row.purpose ? ` for ${row.purpose}` : ' with no declared purpose';
  return `${who} learned ${fields} of a ${row.typeName} on ${row.at}${why}, ${MEANS_WORDS[row.means ?? 'read'] ?? row.means}.`;
}

const AccessLogConnection = ConnectionType('AccessLog', AccessLogEntry);

/** The residents department's entity, seen from here (the kit's key class): its access log is the resident's own data. */
export function residentScope(resident: ResidentReference): RowScope {
  return { subjectIds: [resident.id] };
}

@Resolver(() => AccessLogEntry)
export class AccessLogEntryResolver {
  @FieldResolver(() => [String], { description: 'The fields learned.' })
  fields(@Root() row: AccessRecordRow): string[] {
    return JSON.parse(row.fields) as string[];
  }

  @FieldResolver(() => String, { nullable: true, description: 'The staff member, masked: enough to ask the supervision office about, not a name.' })
  actor(@Root() row: AccessRecordRow): string | null {
    return row.actorRole === 'resident' ? null : maskActor(row.actorSub);
  }

  @FieldResolver(() => String, { description: 'The access in plain words: who, what, when, why and how.' })
  summary(@Root() row: AccessRecordRow): string {
    return describeAccess(row);
  }
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
