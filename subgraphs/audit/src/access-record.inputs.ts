import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Records about this resident.' })
  subjectId?: string;

  @Field(() => String, { nullable: true, description: 'Records of this actor (token subject).' })
  actorSub?: string;

  @Field(() => String, { nullable: true })
  subgraph?: string;

  @Field(() => String, { nullable: true, description: 'From this instant (ISO-8601), inclusive.' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'Before this instant (ISO-8601).' })
  to?: string;
}
