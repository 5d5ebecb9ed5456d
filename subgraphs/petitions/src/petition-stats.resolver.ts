import { PeriodInput, statsSecret } from '@liangling/kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { PetitionChannel } from './enums';
import { PetitionStats } from './petition-stats';
import { RegionReference } from './references';
import { protectedCells, questionOf } from './stats';

const CHANNELS = Object.values(PetitionChannel);

/** The residents department's entity, seen from here: a key and the petitions filed from it. */
@Resolver(() => RegionReference)
export class PetitionStatsResolver {
  @FieldResolver(() => PetitionStats, {
    description:
      'Petitions filed by residents of the region: received, accepted, replied, closed, overdue, by channel and by the department they are about.',
  })
  async petitionStats(
    @Root() region: RegionReference,
    @Ctx() context: Context,
    @Arg('period', () => PeriodInput, {
      nullable: true,
      description: 'Petitions received in this period; all time without it. Widened to whole ended months outside the petitions office.',
    })
    period: PeriodInput | null,
  ): Promise<PetitionStats> {
    const { exact, counted } = await questionOf(context.caller, context.now(), period, context.loaders.firstReceivedAt);
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
