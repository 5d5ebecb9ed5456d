import { randomUUID } from 'node:crypto';
import { Sensitive } from '@liangling/kit';
import { codedError, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { Resident } from './resident';

export enum RepairCategory {
  WATER = 'WATER',
  POWER = 'POWER',
  GAS = 'GAS',
  HEATING = 'HEATING',
  PROPERTY = 'PROPERTY',
  SANITATION = 'SANITATION',
  ROAD = 'ROAD',
  OTHER = 'OTHER',
}
registerEnumType(RepairCategory, { name: 'RepairCategory', description: '水电气暖 and the rest of one-click repair.' });

export enum RequestStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  DISPATCHED = 'DISPATCHED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  ESCALATED = 'ESCALATED',
}
registerEnumType(RequestStatus, { name: 'RequestStatus' });

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

  @Field(() => String, { nullable: true, description: 'Where to call the resident back.' })
  @Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'submittedById' })
  contactPhone!: string;

  @Field(() => RequestStatus)
  status!: RequestStatus;

  @Field()
  createdAt!: Date;

  submittedById!: string;
  regionPath!: string;
}

/** Who and where a request is about: its submitter, at their home. */
export function requestScope(row: RepairRequestRow): RowScope {
  return { subjectIds: [row.submittedById], regionPath: row.regionPath.split('/').filter(Boolean) };
}

export function resolveRepairRequest(reference: { id?: unknown }, context: Context): Promise<RepairRequestRow | null> {
  return context.loaders.request.load(String(reference.id));
}

@InputType()
export class SubmitRepairRequestInput {
  @Field(() => RepairCategory)
  category!: RepairCategory;

  @Field({ description: '1 to 500 characters.' })
  description!: string;

  @Field({ description: 'A mainland mobile number to call back.' })
  contactPhone!: string;

  @Field({ description: 'The client’s idempotency key: submitting the same key again returns the first request.' })
  clientKey!: string;
}

const MOBILE = /^1[3-9]\d{9}$/;

@Resolver(() => RepairRequest)
export class RepairRequestResolver {
  @Query(() => RepairRequest, { nullable: true })
  repairRequest(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<RepairRequestRow | null> {
    return context.loaders.request.load(id);
  }

  @Mutation(() => RepairRequest, { description: 'A resident reports a fault at home. Idempotent by `clientKey`.' })
  async submitRepairRequest(@Arg('input', () => SubmitRepairRequestInput) input: SubmitRepairRequestInput, @Ctx() context: Context): Promise<RepairRequestRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can submit a repair request.');
    if (!caller.home?.length) throw codedError('FORBIDDEN', 'Your account has no registered home to send a repairer to.');
    const description = input.description.trim();
    if (description.length < 1 || description.length > 500) throw codedError('BAD_USER_INPUT', 'description must be 1 to 500 characters.', { field: 'description' });
    if (!MOBILE.test(input.contactPhone)) throw codedError('BAD_USER_INPUT', 'contactPhone must be a mainland mobile number (11 digits, 13x–19x).', { field: 'contactPhone' });
    if (!/^[\w.:-]{1,64}$/.test(input.clientKey)) throw codedError('BAD_USER_INPUT', 'clientKey must be 1 to 64 letters, digits or . _ : -', { field: 'clientKey' });
    // The unique (submitter, clientKey) index makes a retry, even a concurrent one, find the first request.
    return context.db.repairRequest.upsert({
      where: { submittedById_clientKey: { submittedById: caller.sub, clientKey: input.clientKey } },
      update: {},
      create: {
        id: `rr-${randomUUID()}`,
        clientKey: input.clientKey,
        category: input.category,
        description,
        status: RequestStatus.SUBMITTED,
        submittedById: caller.sub,
        regionPath: `/${caller.home.join('/')}/`,
        contactPhone: input.contactPhone,
      },
    });
  }

  @FieldResolver(() => Resident, { description: 'The resident who submitted it.' })
  submittedBy(@Root() request: RepairRequestRow): Resident {
    return { id: request.submittedById };
  }
}
