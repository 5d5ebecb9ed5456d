import { FieldResolver, Resolver, Root } from 'type-graphql';
import { AccessLogEntry, describeAccess, maskActor } from './access-log-entry';
import type { AccessRecord as AccessRecordRow } from './generated/prisma/client';

@Resolver(() => AccessLogEntry)
export class AccessLogEntryResolver {
  @FieldResolver(() => [String], { description: 'The fields learned.' })
  fields(@Root() row: AccessRecordRow): string[] {
    return JSON.parse(row.fields) as string[];
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The staff member, masked: enough to ask the supervision office about, not a name.',
  })
  actor(@Root() row: AccessRecordRow): string | null {
    return row.actorRole === 'resident' ? null : maskActor(row.actorSub);
  }

  @FieldResolver(() => String, { description: 'The access in plain words: who, what, when, why and how.' })
  summary(@Root() row: AccessRecordRow): string {
    return describeAccess(row);
  }
}
