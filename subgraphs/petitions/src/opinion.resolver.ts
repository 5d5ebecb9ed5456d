import { randomUUID } from 'node:crypto';
import {
  checkDailySubmissions,
  connection,
  invalidInput,
  keysetAfter,
  keysetOrderBy,
  Sensitive,
  validate,
  type ConnectionShape,
  type KeysetOrder,
  type Page,
} from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { opinionScope } from './access';
import type { Context } from './context';
import { OpinionOrder } from './enums';
import { Prisma, type Opinion as OpinionRow } from './generated/prisma/client';
import { Opinion, OpinionConnection } from './opinion';
import { opinionReplySchema, PostOpinionInput, postOpinionSchema } from './opinion.inputs';
import { ResidentReference } from './references';

/** `opinions(orderBy: SUPPORT)`: most supported first, then by id. */
const MOST_SUPPORTED: KeysetOrder = [
  ['supportCount', 'desc'],
  ['id', 'asc'],
];
/** `opinions(orderBy: RECENT)`: newest first. */
const NEWEST_FIRST: KeysetOrder = [
  ['createdAt', 'desc'],
  ['id', 'desc'],
];

@Resolver(() => Opinion)
export class OpinionResolver {
  @Query(() => Opinion, { nullable: true })
  opinion(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<OpinionRow | null> {
    return context.loaders.opinion.load(id);
  }

  @Query(() => OpinionConnection, { description: 'Opinions about a region and the places within it; public.' })
  async opinions(
    @Arg('regionId', () => ID) regionId: string,
    @Ctx() context: Context,
    @Arg('orderBy', () => OpinionOrder, { defaultValue: OpinionOrder.RECENT }) orderBy: OpinionOrder = OpinionOrder.RECENT,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionShape<OpinionRow>> {
    const where: Prisma.OpinionWhereInput = { regionPath: { contains: `/${regionId}/` } };
    const load =
      (order: KeysetOrder) =>
      ({ take, after: key }: Page<readonly unknown[]>) =>
        context.db.opinion.findMany({
          where: { AND: [where, keysetAfter<Prisma.OpinionWhereInput>(order, key)] },
          orderBy: keysetOrderBy<Prisma.OpinionOrderByWithRelationInput>(order),
          take,
        });
    // Two orders, two kinds of cursor: a cursor of one order is not one of the other.
    return orderBy === OpinionOrder.SUPPORT
      ? connection({ first, after }, { key: ['number', 'string'], keyOf: (row) => [row.supportCount, row.id], load: load(MOST_SUPPORTED) })
      : connection({ first, after }, { key: ['date', 'string'], keyOf: (row) => [row.createdAt, row.id], load: load(NEWEST_FIRST) });
  }

  @Mutation(() => Opinion, { description: 'A resident posts a public suggestion about a region of their home.' })
  async postOpinion(@Arg('input', () => PostOpinionInput) input: PostOpinionInput, @Ctx() context: Context): Promise<OpinionRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can post an opinion.');
    const { topic, content, regionId } = validate(postOpinionSchema, input);
    // The home path is city → grid, so the region's place in it is also its path.
    const home = caller.home ?? [];
    const at = home.indexOf(regionId);
    if (at < 0) throw invalidInput('regionId', 'must be a region of your registered home');
    const authorId = caller.sub;
    await checkDailySubmissions({
      kind: 'opinions',
      limit: context.submissionsPerDay,
      now: context.now(),
      countSince: (since) => context.db.opinion.count({ where: { authorId, createdAt: { gte: since } } }),
    });
    return context.db.opinion.create({
      data: {
        id: `op-${randomUUID()}`,
        topic,
        content,
        regionId,
        regionPath: `/${home.slice(0, at + 1).join('/')}/`,
        authorId,
        createdAt: context.now(),
      },
    });
  }

  @Mutation(() => Opinion, {
    description: 'A resident supports an opinion. Idempotent: supporting again changes nothing and returns the opinion as it is.',
  })
  async supportOpinion(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<OpinionRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can support an opinion.');
    const opinion = await context.loaders.opinion.load(id);
    if (!opinion) throw codedError('NOT_FOUND', 'No such opinion.');
    try {
      // One transaction: the support row and the count move together or not at all.
      await context.db.$transaction([
        context.db.opinionSupport.create({ data: { opinionId: id, residentId: caller.sub, createdAt: context.now() } }),
        context.db.opinion.update({ where: { id }, data: { supportCount: { increment: 1 } } }),
      ]);
    } catch (error) {
      // The (opinion, resident) primary key refuses a second support, a concurrent one too.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    }
    context.loaders.opinion.clear(id);
    context.loaders.supportsByResident.clear(caller.sub);
    return context.db.opinion.findUniqueOrThrow({ where: { id } });
  }

  @Mutation(() => Opinion, { description: 'An office replies publicly: any department’s officer, or community staff of the place. Once.' })
  async replyToOpinion(@Arg('id', () => ID) id: string, @Arg('reply') reply: string, @Ctx() context: Context): Promise<OpinionRow> {
    const { caller } = context;
    if (caller.role !== 'department_officer' && caller.role !== 'community_staff')
      throw codedError('FORBIDDEN', 'Only an office replies to opinions.');
    const text = validate(opinionReplySchema, { reply }).reply;
    const opinion = await context.loaders.opinion.load(id);
    if (!opinion) throw codedError('NOT_FOUND', 'No such opinion.');
    if (caller.role === 'community_staff' && !opinionScope(opinion).regionPath?.some((region) => caller.regions.includes(region))) {
      throw codedError('FORBIDDEN', 'Community staff reply to opinions about their own community only.');
    }
    const { count } = await context.db.opinion.updateMany({
      where: { id, reply: null },
      data: { reply: text, repliedBy: caller.department ?? 'COMMUNITY', repliedAt: context.now() },
    });
    context.loaders.opinion.clear(id);
    if (count === 0) throw codedError('CONFLICT', 'This opinion already has a reply.');
    return context.db.opinion.findUniqueOrThrow({ where: { id } });
  }

  @FieldResolver(() => ResidentReference, { nullable: true, description: 'Who posted it: personal, though the opinion itself is public.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'authorId' })
  author(@Root() opinion: OpinionRow): ResidentReference {
    return { id: opinion.authorId };
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the calling resident supports it; null for callers who are not residents.',
  })
  async supportedByMe(@Root() opinion: OpinionRow, @Ctx() context: Context): Promise<boolean | null> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) return null;
    const supports = await context.loaders.supportsByResident.load(caller.sub);
    return supports.some((support) => support.opinionId === opinion.id);
  }
}

export function resolveOpinion(reference: { id?: unknown }, context: Context): Promise<OpinionRow | null> {
  return context.loaders.opinion.load(String(reference.id));
}
