import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One transition of a repair request: who moved it, when, from what to what, and why.' })
export class TimelineEntry {
  @Field()
  at!: Date;

  @Field({
    description: 'SUBMIT, ACCEPT, DISPATCH, PROGRESS, RESOLVE, CLOSE, RATE, ESCALATE, OPEN_JOINT, JOINT_TASK_DONE or JOINT_RESOLVED.',
  })
  action!: string;

  @Field(() => String, { nullable: true, description: 'Status before; null for the submission.' })
  fromStatus!: string | null;

  @Field({ description: 'Status after.' })
  toStatus!: string;

  @Field(() => String, { nullable: true })
  fromTier!: string | null;

  @Field()
  toTier!: string;

  @Field({ description: 'Role of who acted; `service` for the escalation sweep.' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'Who acted: a staff, resident, organisation client or job id.' })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}
