import { codedError } from '@liangling/schema';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { JointTask as JointTaskRow, RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { orThrow, RepairRequest, resolution } from './repair-request';
import { slaDueAt, type Category } from './sla';
import { jointTaskId, recordEvent, refuse, transition, type Outcome } from './transitions';
import type { Tier } from './lifecycle';

@ObjectType({ description: 'One department’s share of a joint resolution (联合解决) of a request.' })
export class JointTask {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Department code, e.g. `ENFORCEMENT`.' })
  department!: string;

  @Field({ description: 'OPEN or DONE.' })
  status!: string;

  @Field()
  openedAt!: Date;

  @Field({ description: 'The request’s tier’s time, from when the task was opened.' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  doneAt!: Date | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  requestId!: string;
}

const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/** Statuses from which the last finished task resolves the request. */
const JOINTLY_RESOLVABLE = ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'ESCALATED'];

@Resolver(() => JointTask)
export class JointTaskResolver {
  @Mutation(() => RepairRequest, {
    description:
      'Brings several departments onto one request (联合解决), each with its own task; the request is in progress until every task is done, then resolved. By whoever may dispatch it.',
  })
  async openJointResolution(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('departments', () => [String], { description: '2 to 8 department codes, e.g. ["CITY_MANAGEMENT", "ENFORCEMENT"].' }) departments: string[],
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const codes = [...new Set(departments)];
    if (codes.length < 2 || codes.length > 8 || codes.length !== departments.length) {
      throw codedError('BAD_USER_INPUT', 'departments must be 2 to 8 different department codes.', { field: 'departments' });
    }
    const bad = codes.find((code) => !DEPARTMENT_CODE.test(code));
    if (bad !== undefined) throw codedError('BAD_USER_INPUT', `${bad} is not a department code.`, { field: 'departments' });
    const now = context.now();
    return orThrow(
      await transition(context.db, {
        action: 'OPEN_JOINT',
        requestId,
        caller: context.caller,
        now,
        note: `joint resolution: ${codes.join(', ')}${note?.trim() ? ` — ${note.trim().slice(0, 500)}` : ''}`,
        prepare: async (row, tx) => {
          if ((await tx.jointTask.count({ where: { requestId: row.id, status: 'OPEN' } })) > 0) return refuse('CONFLICT', 'A joint resolution is already open on this request.');
          const dueAt = slaDueAt(row.category as Category, row.tier as Tier, now);
          return {
            data: { jointDepartments: `/${[...new Set([...row.jointDepartments.split('/').filter(Boolean), ...codes])].join('/')}/` },
            after: async (writer) => {
              // A department that took part in an earlier joint resolution of this request gets its task reopened.
              for (const department of codes) {
                await writer.jointTask.upsert({
                  where: { requestId_department: { requestId: row.id, department } },
                  create: { id: jointTaskId(), requestId: row.id, department, status: 'OPEN', openedAt: now, dueAt },
                  update: { status: 'OPEN', openedAt: now, dueAt, doneAt: null, doneById: null, note: null },
                });
              }
            },
          };
        },
      }),
    );
  }

  @Mutation(() => RepairRequest, { description: 'An officer of the task’s department reports its share done; the last one resolves the request.' })
  async completeJointTask(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() context: Context): Promise<RepairRequestRow> {
    if (note && note.length > 500) throw codedError('BAD_USER_INPUT', 'note must be at most 500 characters.', { field: 'note' });
    const { caller } = context;
    const now = context.now();
    const outcome: Outcome<RepairRequestRow> = await context.db.$transaction(async (tx) => {
      const task = await tx.jointTask.findUnique({ where: { id } });
      if (!task) return refuse('NOT_FOUND', `There is no joint task ${id}.`);
      if (caller.role !== 'department_officer' || caller.department !== task.department) return refuse('FORBIDDEN', `Only officers of ${task.department} report this task done.`);
      const { count } = await tx.jointTask.updateMany({ where: { id, status: 'OPEN' }, data: { status: 'DONE', doneAt: now, doneById: caller.sub ?? null, note: note?.trim() || null } });
      if (count !== 1) return refuse('CONFLICT', 'This task is already done.');
      const row = (await tx.repairRequest.findUnique({ where: { id: task.requestId } }))!;
      await recordEvent(tx, { row, after: row, action: 'JOINT_TASK_DONE', caller, now, note: `${task.department} done${note?.trim() ? `: ${note.trim()}` : ''}` });
      const open = await tx.jointTask.count({ where: { requestId: row.id, status: 'OPEN' } });
      if (open > 0 || !JOINTLY_RESOLVABLE.includes(row.status)) return { ok: true, value: row } as const;
      const resolved = await tx.repairRequest.updateMany({ where: { id: row.id, status: row.status }, data: { status: 'RESOLVED', ...resolution(row, now) } });
      // Thrown, not returned: the task is already marked done in this transaction, and must not stay so.
      if (resolved.count !== 1) throw codedError('CONFLICT', 'The request changed while you were acting on it; read it again.');
      const after = (await tx.repairRequest.findUnique({ where: { id: row.id } }))!;
      await recordEvent(tx, { row, after, action: 'JOINT_RESOLVED', caller, now, note: 'every department of the joint resolution is done' });
      return { ok: true, value: after } as const;
    });
    return orThrow(outcome);
  }

  @FieldResolver(() => RepairRequest, { nullable: true })
  request(@Root() task: JointTaskRow, @Ctx() context: Context): Promise<RepairRequestRow | null> {
    return context.loaders.request.load(task.requestId);
  }
}
