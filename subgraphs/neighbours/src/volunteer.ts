import { ConnectionType, Sensitive } from '@liangling/kit';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A resident who signed up to volunteer (志愿者). Everything but the opaque id is personal.' })
export class Volunteer {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { nullable: 'itemsAndList', description: 'What they offer to do: 陪护, 维修, 助餐 …' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'residentId' })
  skills!: string[];

  @Field(() => String, { nullable: true, description: 'When they can help, in their words.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'residentId' })
  availability!: string;

  @Field(() => Date, { nullable: true, description: 'When they first signed up.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'residentId' })
  createdAt!: Date;

  residentId!: string;
  regionPath!: string;
}

export const VolunteerConnection = ConnectionType('Volunteer', Volunteer);
