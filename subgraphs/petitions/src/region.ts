import { ListSize, PeriodInput, RegionReference, statsSecret } from '@liangling/kit';
import { Arg, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { PetitionChannel } from './petition';
import {
  countedPeriod,
  parsePeriod,
  PetitionCount,
  protectedCells,
  seesExactPetitionFigures,
} from './stats';

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
  @Field(() => [PetitionDepartmentCount], { description: 'One entry for every department any petition is about, whether or not any is from here.' })
  byDepartment!: PetitionDepartmentCount[];
}

const CHANNELS = Object.values(PetitionChannel);

/** The residents department's entity, seen from here: a key and the petitions filed from it. */
@Resolver(() => RegionReference)
export class RegionPetitionStatsResolver {
  @FieldResolver(() => PetitionStats, { description: 'Petitions filed by residents of the region: received, accepted, replied, closed, overdue, by channel and by the department they are about.' })
  async petitionStats(
    @Root() region: RegionReference,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Petitions received in this period; all time without it. Widened to whole ended months outside the petitions office.' })
    period: PeriodInput | null,
  ): Promise<PetitionStats> {
    const exact = seesExactPetitionFigures(context.caller);
    const counted = countedPeriod(parsePeriod(period), context.now(), exact, exact ? null : await context.loaders.firstReceivedAt());
    // Batched: a whole level of the map costs one statement for the rows, one for the departments.
    const [rows, departments, secret] = await Promise.all([
      context.loaders.statRowsByRegion.load({ regionId: region.id, from: counted.from, to: counted.to }),
      context.loaders.knownDepartments(),
      exact ? '' : statsSecret(context.db),
    ]);
    // The period is not in the key: its blocks are, part by part, so overlapping periods share draws.
    const key = `region|${region.id}`;
    const cells = protectedCells(rows, counted, exact, secret, key, CHANNELS, departments);
    return {
      exact,
      from: counted.from,
      to: counted.to,
      received: cells['received']!,
      accepted: cells['accepted']!,
      notAccepted: cells['notAccepted']!,
      replied: cells['replied']!,
      closed: cells['closed']!,
      overdue: cells['overdue']!,
      byChannel: CHANNELS.map((channel) => ({ channel, count: cells[`channel:${channel}`]! })),
      byDepartment: departments.map((department) => ({ department, count: cells[`department:${department}`]! })),
    };
  }
}
