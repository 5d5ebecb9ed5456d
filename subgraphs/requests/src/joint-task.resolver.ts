import { randomUUID } from 'node:crypto';
import { transition, validate } from '@liangling/kit';
import { codedError } from '@liangling/schema';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { mayCompleteTask } from './access';
import type { Context } from './context';
import type {
  JointTask as JointTaskRow,
  RepairRequest as RepairRequestRow,
  RequestEvent as RequestEventRow,
} from './generated/prisma/client';
import { JointTask } from './joint-task';
import { jointDepartmentsSchema } from './joint-task.inputs';
import { jointTaskLifecycle, type Tier } from './lifecycle';
import { moveRequestById, recordEvent, resolveJointly } from './moves';
import { RepairRequest } from './repair-request';
import { noteSchema } from './repair-request.inputs';
import { changeOf } from './request-change';
import { publishRequestChange } from './request-change-events';
import { slaDueAt, type Category } from './sla';

@Resolver(() => JointTask)
export class JointTaskResolver {
  @Mutation(() => RepairRequest, {
    description:
      'Brings several departments onto one request (联合解决), each with its own task; the request is in progress until every task is done, then resolved. By whoever may dispatch it.',
  })
  async openJointResolution(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('departments', () => [String], { description: '2 to 8 department codes, e.g. ["CITY_MANAGEMENT", "ENFORCEMENT"].' })
    departments: string[],
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const codes = validate(jointDepartmentsSchema, departments, 'departments');
    const now = context.now();
    return moveRequestById(context, {
      action: 'OPEN_JOINT',
      requestId,
      note: `joint resolution: ${codes.join(', ')}${note?.trim() ? ` — ${note.trim().slice(0, 500)}` : ''}`,
      prepare: async (row, tx) => {
        if ((await tx.jointTask.count({ where: { requestId: row.id, status: 'OPEN' } })) > 0)
          throw codedError('CONFLICT', 'A joint resolution is already open on this request.');
        const dueAt = slaDueAt(row.category as Category, row.tier as Tier, now);
        return {
          data: { jointDepartments: `/${[...new Set([...row.jointDepartments.split('/').filter(Boolean), ...codes])].join('/')}/` },
          where: { jointDepartments: row.jointDepartments },
          after: async (writer) => {
            // A department that took part in an earlier joint resolution of this request gets its task reopened.
            for (const department of codes) {
              await writer.jointTask.upsert({
                where: { requestId_department: { requestId: row.id, department } },
                create: { id: `jt-${randomUUID()}`, requestId: row.id, department, status: 'OPEN', openedAt: now, dueAt },
                update: { status: 'OPEN', openedAt: now, dueAt, doneAt: null, doneById: null, note: null },
              });
            }
          },
        };
      },
    });
  }

  @Mutation(() => RepairRequest, {
    description: 'An officer of the task’s department reports its share done; the last one resolves the request.',
  })
  async completeJointTask(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: Context,
  ): Promise<RepairRequestRow> {
    const words = validate(noteSchema, note, 'note');
    const { caller, db } = context;
    const now = context.now();
    const task = await db.jointTask.findUnique({ where: { id } });
    if (!task) throw codedError('NOT_FOUND', `There is no joint task ${id}.`);
    if (!mayCompleteTask(caller, task.department))
      throw codedError('FORBIDDEN', `Only officers of ${task.department} report this task done.`);
    let request: RepairRequestRow | undefined;
    const recorded: RequestEventRow[] = [];
    await transition(jointTaskLifecycle, db, {
      action: 'COMPLETE',
      row: task,
      update: (tx, guard) =>
        tx.jointTask.updateMany({
          where: guard.where,
          data: { ...guard.data, doneAt: now, doneById: caller.sub ?? null, note: words ?? null },
        }),
      after: async (tx) => {
        const row = await tx.repairRequest.findUniqueOrThrow({ where: { id: task.requestId } });
        const standing = { status: row.status, tier: row.tier };
        recorded.push(
          await recordEvent(tx, {
            requestId: row.id,
            action: 'JOINT_TASK_DONE',
            from: standing,
            to: standing,
            caller,
            now,
            note: `${task.department} done${words ? `: ${words}` : ''}`,
          }),
        );
        const open = await tx.jointTask.count({ where: { requestId: row.id, status: 'OPEN' } });
        const joint = open > 0 ? { request: row } : await resolveJointly(tx, row, caller, now);
        request = joint.request;
        if (joint.entry) recorded.push(joint.entry);
      },
      read: (tx) => tx.jointTask.findUniqueOrThrow({ where: { id } }),
      settled: () => {
        context.loaders.jointTasks.clear(task.requestId);
        context.loaders.timeline.clear(task.requestId);
        context.loaders.request.clear(task.requestId);
        // After the commit, as every move of a request (moves.ts).
        for (const entry of recorded) if (request) publishRequestChange(changeOf(entry, request));
      },
    });
    // Set in `after`, which runs whenever the transition does not throw.
    return request as RepairRequestRow;
  }

  @FieldResolver(() => RepairRequest, { nullable: true })
  request(@Root() task: JointTaskRow, @Ctx() context: Context): Promise<RepairRequestRow | null> {
    return context.loaders.request.load(task.requestId);
  }
}
