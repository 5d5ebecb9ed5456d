import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One department’s share of a joint resolution (联合解决) of a request.' })
export class JointTask {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Department code, e.g. `ENFORCEMENT`.' })
  department!: string;

  @Field({ description: 'OPEN or DONE.' })
  status!: string;

  @Field()
  openedAt!: Date;

  @Field({ description: 'The request’s tier’s time, from when the task was opened.' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  doneAt!: Date | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  requestId!: string;
}
