import { Field, ID, ObjectType } from 'type-graphql';

/** How long a break-glass lets its caller see a household's SENSITIVE values under `emergency`. */
export const BREAK_GLASS_MS = 2 * 3_600_000;
export const EMERGENCY = 'emergency';

@ObjectType({
  description:
    'An emergency reveal without a prior record of work (break-glass): who opened it, for which household, why, and until when (two hours). Every value revealed under it is audited; auditors list them with `breakGlassReport`.',
})
export class BreakGlass {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  householdId!: string;

  @Field({ description: 'Token subject of the caller who opened it.' })
  actorSub!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { nullable: true })
  actorDepartment!: string | null;

  @Field({ description: 'The reason given, as written.' })
  reason!: string;

  @Field()
  openedAt!: Date;

  @Field()
  expiresAt!: Date;
}
