import { ConnectionType, Sensitive, type KeysetOrder } from '@liangling/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { RepairCategory, RequestStatus, RequestTier } from './enums';

@ObjectType({ description: 'A one-click repair request (一键报修).' })
@Directive('@key(fields: "id")')
export class RepairRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => RepairCategory)
  category!: RepairCategory;

  @Field(() => String, { nullable: true, description: 'What is wrong, in the resident’s words.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'submittedById' })
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where to call the resident back; revealed to the organisation the request is dispatched to.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'submittedById' })
  contactPhone!: string;

  @Field(() => RequestStatus)
  status!: RequestStatus;

  @Field(() => RequestTier)
  tier!: RequestTier;

  @Field({ description: 'When the current tier’s time runs out; after it the request goes up one tier.' })
  slaDueAt!: Date;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'First accepted: the end of the response time.' })
  acceptedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Confirmed by the resident.' })
  closedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The resident’s satisfaction, 1 to 5.' })
  @Sensitive({ level: 'INTERNAL', owner: 'submittedById' })
  rating!: number | null;

  @Field(() => String, { nullable: true, description: 'The resident’s words on the repair.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'submittedById' })
  feedback!: string | null;

  submittedById!: string;
  regionPath!: string;
}

/** A page of the requests dispatched to an organisation (`Organisation.assignedRequests`). */
export const AssignedRequestConnection = ConnectionType('AssignedRequest', RepairRequest);

/** A page of the requests made in a region (`repairRequests`). */
export const RepairRequestConnection = ConnectionType('RepairRequest', RepairRequest);

/** The order of both: newest first, by (createdAt, id). */
export const NEWEST_FIRST: KeysetOrder = [
  ['createdAt', 'desc'],
  ['id', 'desc'],
];
