import type { ScheduledJob } from '@liangling/kit';
import { codedError, hasScope } from '@liangling/schema';
import { Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context, Db } from './context';
import { runEscalationSweep } from './transitions';

@ObjectType({ description: 'What one run of the escalation sweep did.' })
export class EscalationSweepResult {
  @Field(() => Int)
  count!: number;

  @Field(() => [ID], { description: 'Requests moved up one tier by this run.' })
  escalated!: string[];

  @Field({ description: 'The time the sweep ran at.' })
  ranAt!: Date;
}

@Resolver()
export class EscalationResolver {
  @Mutation(() => EscalationSweepResult, {
    description: 'Runs the escalation sweep now: every open request past its SLA goes up one tier. Safe to repeat. Internal jobs only (a `service` credential with the `jobs:run` scope); the stack also runs it on an interval.',
  })
  async runEscalationSweep(@Ctx() context: Context): Promise<EscalationSweepResult> {
    if (!hasScope(context.caller, 'jobs:run')) throw codedError('FORBIDDEN', 'Only internal jobs run the escalation sweep.');
    const ranAt = context.now();
    const { escalated } = await runEscalationSweep(context.db, ranAt);
    return { count: escalated.length, escalated: [...escalated], ranAt };
  }
}

/** The sweep as a scheduled job of the department: every minute unless the stack says otherwise. */
export const escalationSweepJob: ScheduledJob<Db> = {
  name: 'escalation-sweep',
  defaultIntervalMs: 60_000,
  run: ({ db, now }) => runEscalationSweep(db, now()),
};
