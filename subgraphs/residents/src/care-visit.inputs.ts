import { text, z } from '@liangling/kit';
import { Field, ID, InputType } from 'type-graphql';
import { MAX_VISIT_WINDOW_MS } from './care-visit';

@InputType({ description: 'A care visit to plan: the household, who visits, why, and when.' })
export class PlanCareVisitInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => ID, { description: 'Staff id of the grid worker who will visit.' })
  assigneeId!: string;

  @Field({ description: '1 to 200 characters.' })
  reason!: string;

  @Field(() => Date)
  windowStart!: Date;

  @Field(() => Date, { description: 'After the start and at most 7 days after it.' })
  windowEnd!: Date;

  @Field(() => ID, { nullable: true, description: 'The care alert the visit answers: required when the early-warning engine plans it.' })
  alertId?: string;
}

/**
 * A visit's plan: a reason, a staff id, a window that ends after it starts and lasts at most 7 days.
 * That it ends in the future, and that the engine names its alert, are the resolver's checks (the clock, the caller).
 */
export const planCareVisitSchema = z
  .object({
    householdId: z.string(),
    reason: text(200),
    assigneeId: text(64),
    windowStart: z.date(),
    windowEnd: z.date(),
    alertId: z.string().optional(),
  })
  .refine(
    ({ windowStart, windowEnd }) =>
      windowEnd.getTime() > windowStart.getTime() && windowEnd.getTime() - windowStart.getTime() <= MAX_VISIT_WINDOW_MS,
    {
      error: 'A window ends after it starts and lasts at most 7 days.',
      path: ['windowEnd'],
    },
  );

/** What a visit found. */
export const careVisitOutcomeSchema = text(500);
