import { Sensitive } from '@liangling/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import type { RepairRequest as RepairRequestRow, RequestEvent as RequestEventRow } from './generated/prisma/client';
import { RepairRequest } from './repair-request';
import { TimelineEntry } from './timeline';

@ObjectType({
  description: 'One move of one of your repair requests, as it happened: its timeline entry, and the request as it stands after it.',
})
export class RepairRequestChange {
  @Field(() => ID, { description: 'The timeline entry’s id.' })
  id!: string;

  @Field(() => TimelineEntry, {
    nullable: true,
    description: 'Who moved the request, when, from what to what, and why: the latest entry of its timeline when it happened.',
  })
  // As private as the request's `timeline`, which it is an entry of.
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  entry!: TimelineEntry;

  @Field(() => RepairRequest, { description: 'The request as it stands when the change is read (it may have moved on since).' })
  request!: RepairRequest;
}

/** A change as the resolvers carry it: the timeline entry's row and the request's row as read with it. */
export interface RequestChangeRow {
  readonly id: string;
  readonly entry: RequestEventRow;
  readonly request: RepairRequestRow;
}

/** The change a timeline entry is, with the request as it stands. */
export function changeOf(entry: RequestEventRow, request: RepairRequestRow): RequestChangeRow {
  return { id: String(entry.id), entry, request };
}
