import { ConnectionType, Sensitive } from '@liangling/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A resident’s public suggestion (民意) for a place, with neighbours’ support and an office’s public reply.' })
@Directive('@key(fields: "id")')
export class Opinion {
  @Field(() => ID)
  id!: string;

  @Field()
  topic!: string;

  @Sensitive({ level: 'PUBLIC' })
  @Field({ description: 'Public: the author wrote it for the neighbourhood to read.' })
  content!: string;

  @Field(() => ID, { description: 'The region the opinion is about.' })
  regionId!: string;

  @Field(() => Int, { description: 'How many residents support it; each resident counts once.' })
  supportCount!: number;

  @Field(() => String, { nullable: true, description: 'The office’s public reply.' })
  reply!: string | null;

  @Field(() => String, { nullable: true, description: 'Department code of the office that replied, or COMMUNITY.' })
  repliedBy!: string | null;

  @Field(() => Date, { nullable: true })
  repliedAt!: Date | null;

  @Field()
  createdAt!: Date;

  authorId!: string;
  regionPath!: string;
}

/** A page of opinions (`opinions`). */
export const OpinionConnection = ConnectionType('Opinion', Opinion);
