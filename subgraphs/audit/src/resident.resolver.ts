import { connection, keysetOrderBy, Sensitive, type ConnectionShape } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { readsAccessLog } from './access';
import { AccessLogConnection } from './access-log-entry';
import type { Context } from './context';
import type { AccessRecord as AccessRecordRow, Prisma } from './generated/prisma/client';
import { ResidentReference } from './references';
import { TRAIL_KEY, TRAIL_ORDER, trailKeyOf } from './trail-order';

@Resolver(() => ResidentReference)
export class ResidentAccessLogResolver {
  @FieldResolver(() => AccessLogConnection, {
    nullable: true,
    description: 'Who accessed this resident’s data, newest first (PIPL Art. 44–45): the resident themselves only.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  accessLog(
    @Root() resident: ResidentReference,
    @Ctx() context: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<AccessRecordRow>> {
    if (!readsAccessLog(context.caller, resident))
      throw codedError('FORBIDDEN', 'Only the resident can read their own access log; auditors use auditTrail.');
    return connection(
      { first, after },
      {
        key: TRAIL_KEY,
        keyOf: trailKeyOf,
        load: async (page) => {
          // The resident's records by the subject index, then the records themselves, in the same order.
          const subjects = await context.db.accessSubject.findMany({
            where: { subjectId: resident.id, ...(page.after ? { recordSeq: { lt: page.after[0] } } : {}) },
            orderBy: { recordSeq: 'desc' },
            take: page.take,
            select: { recordSeq: true },
          });
          return context.db.accessRecord.findMany({
            where: { seq: { in: subjects.map((subject) => subject.recordSeq) } },
            orderBy: keysetOrderBy<Prisma.AccessRecordOrderByWithRelationInput>(TRAIL_ORDER),
          });
        },
      },
    );
  }
}
