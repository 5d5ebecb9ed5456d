import { ConnectionType, Sensitive } from '@liangling/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { MAX_REVIEWS } from './clocks';
import { PetitionChannel, PetitionStatus } from './enums';

@ObjectType({ description: 'A petition (信访事项). Who filed it is known to the petitions office and the petitioner only.' })
@Directive('@key(fields: "id")')
export class Petition {
  @Field(() => ID)
  id!: string;

  @Field(() => PetitionChannel)
  channel!: PetitionChannel;

  @Field(() => String, { nullable: true, description: 'What the petition is about, in a line.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'The petition itself, in the petitioner’s words.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  content!: string;

  @Field({ description: 'Code of the department the petition is about, e.g. CITY_MANAGEMENT.' })
  targetDepartment!: string;

  @Field(() => PetitionStatus)
  status!: PetitionStatus;

  @Field()
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the office decided whether to accept it.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was accepted or not.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  decisionReason!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days the reply deadline was extended by (once, at most 30).' })
  extensionDays!: number | null;

  @Field(() => String, { nullable: true })
  extensionReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The written reply (答复意见); after a review that did not uphold it, the new reply.',
  })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  reply!: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the department that replied.' })
  repliedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the statutory reply was first given (a review’s new reply does not move it).' })
  repliedAt!: Date | null;

  @Field(() => Int, { description: `Reviews asked for so far (复查, then 复核): at most ${MAX_REVIEWS}.` })
  reviewCount!: number;

  @Field(() => Boolean, { nullable: true, description: 'The last review’s outcome: true when the reply was upheld.' })
  reviewUpheld!: boolean | null;

  @Field(() => String, { nullable: true, description: 'The petitions office’s conclusion of the last review.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'petitionerId' })
  reviewNote!: string | null;

  @Field(() => Date, { nullable: true })
  reviewConcludedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The petitioner’s rating when closing, 1 to 5.' })
  satisfaction!: number | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  petitionerId!: string;
  regionPath!: string;
}

/** A page of petitions (`petitions`). */
export const PetitionConnection = ConnectionType('Petition', Petition);
