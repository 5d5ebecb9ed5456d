import { Field, Float, ObjectType } from 'type-graphql';
import { PetitionCount } from './petition-count';

@ObjectType({
  description:
    'How petitions about a department went. Exact for the petitions office; for everyone else (the department itself included) counts are protected like petition statistics and rates are computed from the protected counts.',
})
export class PetitionPerformance {
  @Field()
  exact!: boolean;

  @Field(() => Date, { nullable: true, description: 'Start of the period counted; null: since the first petition.' })
  from!: Date | null;

  @Field({ description: 'End of the period counted (exclusive); statuses as they stood then, or now if earlier.' })
  to!: Date;

  @Field(() => PetitionCount, { description: 'Petitions about the department received in the period.' })
  received!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Of those, accepted for handling.' })
  accepted!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Statutory deadlines (acceptance decisions, replies) that were met or had passed.' })
  deadlines!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Of those, met on time.' })
  onTime!: PetitionCount;

  @Field(() => Float, { nullable: true, description: 'onTime / deadlines, 0 to 1; null when either is withheld or there were none.' })
  onTimeRate!: number | null;

  @Field(() => PetitionCount, { description: 'Closed petitions the petitioner rated.' })
  rated!: PetitionCount;

  @Field(() => Float, { nullable: true, description: 'Mean closing rating, 1 to 5; null when withheld or none.' })
  satisfaction!: number | null;
}
