import { z } from '@liangling/kit';
import { Field, Float, ID, InputType } from 'type-graphql';

/** Most readings one call may carry. */
export const MAX_READINGS_PER_BATCH = 10_000;

@InputType({ description: 'One value a device sent.' })
export class ReadingInput {
  @Field(() => ID)
  deviceId!: string;

  @Field(() => Date, { description: 'When the device measured it; at most two minutes ahead of the server.' })
  at!: Date;

  @Field(() => Float, { description: 'In the unit of the device’s kind, within its range.' })
  value!: number;
}

/** A batch is checked as a whole for its size; each reading is validated alone at ingestion, its rejection reported beside the rest. */
export const readingBatchSchema = z.object({
  readings: z.array(z.unknown()).superRefine((readings, context) => {
    if (readings.length > MAX_READINGS_PER_BATCH) {
      context.addIssue({
        code: 'custom',
        message: `A batch holds at most ${MAX_READINGS_PER_BATCH} readings; this one has ${readings.length}`,
      });
    }
  }),
});

/** The period of a readings query: [from, to), not empty. */
export const readingPeriodSchema = z.object({ from: z.date(), to: z.date() }).superRefine((period, context) => {
  if (!(period.from.getTime() < period.to.getTime())) context.addIssue({ code: 'custom', path: ['from'], message: 'must be before `to`' });
});
