import { ConnectionType } from '@liangling/kit';
import { Field, Int, ObjectType } from 'type-graphql';

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

  @Field(() => String, {
    nullable: true,
    description: 'How the fields were learned: read, link, filter, search or alert (null in records older than this column).',
  })
  means!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The client’s x-request-id, if it sent one: a correlation hint; `requestId` is the gateway’s own.',
  })
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

  @Field(() => String, {
    nullable: true,
    description: 'Its hash: an anchor to keep outside the database, to prove after a restore that no record was lost.',
  })
  lastHash!: string | null;
}

/** A page of the trail. */
export const AccessRecordConnection = ConnectionType('AccessRecord', AccessRecord);
