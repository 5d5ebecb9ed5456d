import { text, z } from '@liangling/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NeighbourServiceCategory } from './enums';

@InputType({ description: 'A place: exactly one of a building or a region.' })
export class NearInput {
  @Field(() => ID, { nullable: true, description: 'Distances from the building’s point.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Distances from the region’s centroid.' })
  regionId?: string | null;
}

@InputType()
export class CreateNeighbourServiceInput {
  @Field(() => ID, { description: 'The organisation offering it: the caller’s own.' })
  providerId!: string;

  @Field(() => NeighbourServiceCategory)
  category!: NeighbourServiceCategory;

  @Field({ description: '1 to 60 characters.' })
  name!: string;

  @Field({ description: '"HH:MM-HH:MM", several separated by commas.' })
  hours!: string;

  @Field(() => Int, { nullable: true, description: 'In fen (分); 0 is free; omitted: price on request (面议). Needs `priceUnit`.' })
  priceCents?: number | null;

  @Field(() => String, { nullable: true, description: 'What one price buys, 1 to 10 characters: 次, 小时, 餐 …' })
  priceUnit?: string | null;

  @Field(() => [ID], { description: 'Regions it covers (every place under them), each inside a region the provider serves; 1 to 20.' })
  areaRegionIds!: string[];
}

@InputType({ description: 'Only the fields given change; `priceCents: null` makes the price "on request".' })
export class UpdateNeighbourServiceInput {
  @Field(() => NeighbourServiceCategory, { nullable: true })
  category?: NeighbourServiceCategory | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  hours?: string | null;

  @Field(() => Int, { nullable: true })
  priceCents?: number | null;

  @Field(() => String, { nullable: true })
  priceUnit?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the whole area.' })
  areaRegionIds?: string[] | null;
}

/** The place of a search: exactly one of a building or a region. */
export const nearSchema = z
  .object({ buildingId: z.string().nullish(), regionId: z.string().nullish() })
  .refine(({ buildingId, regionId }) => (buildingId ? 1 : 0) + (regionId ? 1 : 0) === 1, {
    error: 'must give exactly one of buildingId or regionId',
  });

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const MAX_PRICE_CENTS = 10_000_000;
const MAX_AREAS = 20;

/** Opening hours: up to 4 ranges "HH:MM-HH:MM", each starting before it ends; written back ", "-separated. */
const hoursSchema = z.string().transform((value, context) => {
  const ranges = value.split(',').map((range) => range.trim());
  if (ranges.length <= 4 && ranges.every((range) => HOURS.test(range) && range.slice(0, 5) < range.slice(6))) return ranges.join(', ');
  context.addIssue({ code: 'custom', message: 'must be "HH:MM-HH:MM" (start before end), up to 4 separated by commas' });
  return z.NEVER;
});

/** The regions a service covers, each named once: 1 to 20 (whether they exist, and lie where the provider serves, the resolver checks). */
const areaRegionIdsSchema = z
  .array(z.string())
  .transform((ids) => [...new Set(ids)])
  .pipe(
    z
      .array(z.string())
      .min(1, { error: `must name 1 to ${MAX_AREAS} regions` })
      .max(MAX_AREAS, { error: `must name 1 to ${MAX_AREAS} regions` }),
  );

/** A new service; its price: {@link priceSchema}. */
export const createNeighbourServiceSchema = z.object({
  providerId: z.string(),
  category: z.enum(NeighbourServiceCategory),
  name: text(60),
  hours: hoursSchema,
  areaRegionIds: areaRegionIdsSchema,
});

/** Only what is given changes: null keeps a field as it is, but is not allowed for the category. The price: {@link priceSchema}. */
export const updateNeighbourServiceSchema = z.object({
  category: z
    .enum(NeighbourServiceCategory)
    .nullish()
    .refine((category) => category !== null, { error: 'cannot be null; leave it out to keep it' }),
  name: text(60).nullish(),
  hours: hoursSchema.nullish(),
  areaRegionIds: areaRegionIdsSchema.nullish(),
});

/**
 * A price as stored: both null (on request, 面议), or a whole number of fen with the unit it buys. A
 * unit without an amount is refused rather than dropped.
 */
export const priceSchema = z
  .object({ priceCents: z.number().nullable(), priceUnit: z.string().nullable() })
  .transform(({ priceCents, priceUnit }, context): { priceCents: number | null; priceUnit: string | null } => {
    if (priceCents === null) {
      if (priceUnit === null) return { priceCents: null, priceUnit: null };
      context.addIssue({ code: 'custom', path: ['priceUnit'], message: 'needs priceCents; leave both out for a price on request' });
      return z.NEVER;
    }
    if (!Number.isInteger(priceCents) || priceCents < 0 || priceCents > MAX_PRICE_CENTS) {
      context.addIssue({ code: 'custom', path: ['priceCents'], message: `must be a whole number of fen from 0 to ${MAX_PRICE_CENTS}` });
      return z.NEVER;
    }
    const unit = priceUnit?.trim() ?? '';
    if (unit.length >= 1 && unit.length <= 10) return { priceCents, priceUnit: unit };
    context.addIssue({ code: 'custom', path: ['priceUnit'], message: 'must be 1 to 10 characters when priceCents is given' });
    return z.NEVER;
  });
