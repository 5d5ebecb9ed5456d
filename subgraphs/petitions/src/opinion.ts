import { randomUUID } from 'node:crypto';
import { ConnectionType, ResidentReference, Sensitive, checkDailySubmissions, pageArgs, toConnection, type ConnectionShape } from '@liangling/kit';
import { codedError, type RowScope } from '@liangling/schema';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Prisma, type Opinion as OpinionRow } from './generated/prisma/client';
import type { Context } from './context';

export enum OpinionOrder {
  SUPPORT = 'SUPPORT',
  RECENT = 'RECENT',
}
registerEnumType(OpinionOrder, { name: 'OpinionOrder', description: 'Most supported first, or newest first.' });

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

/** Who and where an opinion is about: its author, in the region it concerns. */
export function opinionScope(row: OpinionRow): RowScope {
  return { subjectIds: [row.authorId], regionPath: row.regionPath.split('/').filter(Boolean) };
}

export function resolveOpinion(reference: { id?: unknown }, context: Context): Promise<OpinionRow | null> {
  return context.loaders.opinion.load(String(reference.id));
}

@InputType()
export class PostOpinionInput {
  @Field({ description: '1 to 50 characters.' })
  topic!: string;

  @Field({ description: '1 to 2000 characters; public.' })
  content!: string;

  @Field(() => ID, { description: 'A region of the author’s home: their grid, community, street, district or the city.' })
  regionId!: string;
}

const OpinionConnection = ConnectionType('Opinion', Opinion);

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
    const { take, afterKey } = pageArgs(first, after);
    const where: Prisma.OpinionWhereInput = { regionPath: { contains: `/${regionId}/` } };
    const bySupport = orderBy === OpinionOrder.SUPPORT;
    if (afterKey) {
      const bar = afterKey.indexOf('|');
      const head = afterKey.slice(0, bar);
      const id = afterKey.slice(bar + 1);
      if (bySupport) {
        const count = Number(head);
        if (bar < 0 || !Number.isInteger(count)) throw badCursor();
        where.OR = [{ supportCount: { lt: count } }, { supportCount: count, id: { gt: id } }];
      } else {
        const at = new Date(head);
        if (bar < 0 || Number.isNaN(at.getTime())) throw badCursor();
        where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }];
      }
    }
    const rows = await context.db.opinion.findMany({
      where,
      orderBy: bySupport ? [{ supportCount: 'desc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    return toConnection(rows, take, (row) => `${bySupport ? row.supportCount : row.createdAt.toISOString()}|${row.id}`);
  }

  @Mutation(() => Opinion, { description: 'A resident posts a public suggestion about a region of their home.' })
  async postOpinion(@Arg('input', () => PostOpinionInput) input: PostOpinionInput, @Ctx() context: Context): Promise<OpinionRow> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) throw codedError('FORBIDDEN', 'Only a signed-in resident can post an opinion.');
    const topic = input.topic.trim();
    const content = input.content.trim();
    if (topic.length < 1 || topic.length > 50) throw codedError('BAD_USER_INPUT', 'topic must be 1 to 50 characters.', { field: 'topic' });
    if (content.length < 1 || content.length > 2000) throw codedError('BAD_USER_INPUT', 'content must be 1 to 2000 characters.', { field: 'content' });
    // The home path is city → grid, so the region's place in it is also its path.
    const home = caller.home ?? [];
    const at = home.indexOf(input.regionId);
    if (at < 0) throw codedError('BAD_USER_INPUT', 'regionId must be a region of your registered home.', { field: 'regionId' });
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
        regionId: input.regionId,
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
    if (caller.role !== 'department_officer' && caller.role !== 'community_staff') throw codedError('FORBIDDEN', 'Only an office replies to opinions.');
    const text = reply.trim();
    if (text.length < 1 || text.length > 2000) throw codedError('BAD_USER_INPUT', 'reply must be 1 to 2000 characters.', { argument: 'reply' });
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

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the calling resident supports it; null for callers who are not residents.' })
  async supportedByMe(@Root() opinion: OpinionRow, @Ctx() context: Context): Promise<boolean | null> {
    const { caller } = context;
    if (caller.role !== 'resident' || !caller.sub) return null;
    const supports = await context.loaders.supportsByResident.load(caller.sub);
    return supports.some((support) => support.opinionId === opinion.id);
  }
}

function badCursor() {
  return codedError('BAD_USER_INPUT', 'after is not a cursor this connection gave out.', { argument: 'after' });
}
