import { connection, keysetAfter, keysetOrderBy, Sensitive, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { readsTrail } from './access';
import { AccessRecord, AccessRecordConnection, AuditChainReport } from './access-record';
import { AuditFilter } from './access-record.inputs';
import { chainOf } from './chain';
import type { Context } from './context';
import type { AccessRecord as AccessRecordRow, Prisma } from './generated/prisma/client';
import { TRAIL_KEY, TRAIL_ORDER, trailKeyOf } from './trail-order';

function requireAuditor(context: Context): void {
  if (!readsTrail(context.caller)) throw codedError('FORBIDDEN', 'The audit trail is for the supervision office (auditors).');
}

@Resolver(() => AccessRecord)
export class AccessRecordResolver {
  @Query(() => AccessRecordConnection, { nullable: true, description: 'The audit trail, newest first; auditors only.' })
  @Sensitive({ level: 'INTERNAL' })
  auditTrail(
    @Ctx() context: Context,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<AccessRecordRow>> {
    requireAuditor(context);
    return connection(
      { first, after },
      {
        key: TRAIL_KEY,
        keyOf: trailKeyOf,
        load: async (page) => {
          const where: Prisma.AccessRecordWhereInput = {
            ...(filter?.actorSub ? { actorSub: filter.actorSub } : {}),
            ...(filter?.subgraph ? { subgraph: filter.subgraph } : {}),
            ...(filter?.from || filter?.to
              ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
              : {}),
            ...keysetAfter<Prisma.AccessRecordWhereInput>(TRAIL_ORDER, page.after),
          };
          if (filter?.subjectId) {
            const subjects = await context.db.accessSubject.findMany({
              where: { subjectId: filter.subjectId },
              select: { recordSeq: true },
            });
            where.seq = { in: subjects.map((subject) => subject.recordSeq) };
          }
          return context.db.accessRecord.findMany({
            where,
            orderBy: keysetOrderBy<Prisma.AccessRecordOrderByWithRelationInput>(TRAIL_ORDER),
            take: page.take,
          });
        },
      },
    );
  }

  @Query(() => AuditChainReport, {
    nullable: true,
    description:
      'Verifies the hash chain from the last verified record to the end and reports the first broken link; auditors only. (A full verification from the first record runs as a background job: docs/reliability.md.)',
  })
  @Sensitive({ level: 'INTERNAL' })
  verifyAuditChain(
    @Ctx() context: Context,
    @Arg('full', () => Boolean, {
      defaultValue: false,
      description: 'From the first record, not the last checkpoint: minutes at city scale.',
    })
    full = false,
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
