import { text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class PostOpinionInput {
  @Field({ description: '1 to 50 characters.' })
  topic!: string;

  @Field({ description: '1 to 2000 characters; public.' })
  content!: string;

  @Field(() => ID, { description: 'A region of the author’s home: their grid, community, street, district or the city.' })
  regionId!: string;
}

/** Whether `regionId` is of the author's home is the resolver's to check: it needs the caller. */
export const postOpinionSchema = z.object({ topic: text(50), content: text(2000), regionId: z.string() });

export const opinionReplySchema = z.object({ reply: text(2000) });
