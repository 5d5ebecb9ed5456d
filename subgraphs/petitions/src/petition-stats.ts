import { ListSize } from '@liangling/kit';
import { Field, ObjectType } from 'type-graphql';
import { PetitionChannel } from './enums';
import { PetitionCount } from './petition-count';

@ObjectType()
export class PetitionChannelCount {
  @Field(() => PetitionChannel)
  channel!: PetitionChannel;

  @Field(() => PetitionCount)
  count!: PetitionCount;
}

@ObjectType()
export class PetitionDepartmentCount {
  @Field({ description: 'Code of the department the petitions are about.' })
  department!: string;

  @Field(() => PetitionCount)
  count!: PetitionCount;
}

@ObjectType({
  description:
    'Petitions from residents of a region (and the regions under it), received in a period. Exact for the petitions office only; for everyone else, the department complained about included, the period is whole ended calendar months and every count is protected (see PetitionCount).',
})
export class PetitionStats {
  @Field({ description: 'True when the counts are exact (the petitions office).' })
  exact!: boolean;

  @Field(() => Date, { nullable: true, description: 'Start of the period counted; null: since the first petition.' })
  from!: Date | null;

  @Field({ description: 'End of the period counted (exclusive); statuses are as they stood then, or now if earlier.' })
  to!: Date;

  @Field(() => PetitionCount)
  received!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Accepted for handling (受理) by the end of the period.' })
  accepted!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Not accepted (不予受理) by the end of the period.' })
  notAccepted!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Replied to by the end of the period.' })
  replied!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Closed by the end of the period.' })
  closed!: PetitionCount;

  @Field(() => PetitionCount, { description: 'Past a statutory deadline (decision or reply) unmet by the end of the period, or met late.' })
  overdue!: PetitionCount;

  @ListSize({ assumedSize: 4 })
  @Field(() => [PetitionChannelCount])
  byChannel!: PetitionChannelCount[];

  @ListSize({ assumedSize: 20 })
  @Field(() => [PetitionDepartmentCount], {
    description: 'One entry for every department any petition is about, whether or not any is from here.',
  })
  byDepartment!: PetitionDepartmentCount[];
}
