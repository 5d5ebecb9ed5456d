import { codedError, hasScope } from '@liangling/schema';
import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from './context';
import { EscalationSweepResult } from './escalation-sweep';
import { runEscalationSweep } from './jobs/escalation-sweep';

@Resolver()
export class EscalationSweepResolver {
  @Mutation(() => EscalationSweepResult, {
    description:
      'Runs the escalation sweep now: every open request past its SLA goes up one tier. Safe to repeat. Internal jobs only (a `service` credential with the `jobs:run` scope); the stack also runs it on an interval.',
  })
  async runEscalationSweep(@Ctx() context: Context): Promise<EscalationSweepResult> {
    if (!hasScope(context.caller, 'jobs:run')) throw codedError('FORBIDDEN', 'Only internal jobs run the escalation sweep.');
    const ranAt = context.now();
    const { escalated } = await runEscalationSweep(context.db, ranAt);
    return { count: escalated.length, escalated: [...escalated], ranAt };
  }
}
