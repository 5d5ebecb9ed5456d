import { Sensitive } from '@liangling/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { AssistanceKind, AssistanceStatus } from './enums';
import type { AssistanceApplication as ApplicationRow } from './generated/prisma/client';

@ObjectType({
  description:
    'An application for social assistance (社会救助) of a household, handled by one community staff member: while OPEN it is what lets the handler see the household’s SENSITIVE values under the purpose `social-assistance`. Personal data of the household.',
})
export class AssistanceApplication {
  @Field(() => ID)
  id!: string;

  @Field(() => AssistanceKind, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'memberIds' })
  kind!: AssistanceKind;

  @Field(() => String, { nullable: true, description: 'The handler’s note.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'memberIds' })
  note!: string;

  @Field(() => AssistanceStatus)
  status!: AssistanceStatus;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  regionPath!: string;
}

/** An application row with the household's members, who are the subjects of the application. */
export type ApplicationRecord = ApplicationRow & { readonly memberIds: readonly string[] };
