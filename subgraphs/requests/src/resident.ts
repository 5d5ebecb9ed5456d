import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { RepairRequest as RepairRequestRow } from './generated/prisma/client';
import type { Context } from './context';
import { RepairRequest, visibleTo } from './repair-request';

/** The residents department's entity, seen from here: a key and the requests a resident submitted. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Resident {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => Resident)
export class ResidentRequestsResolver {
  @FieldResolver(() => [RepairRequest], {
    nullable: true,
    description: 'Repair requests this resident submitted, newest first; null with an error when the requests service is down, so the rest of a resident list stands.',
  })
  async repairRequests(@Root() resident: Resident, @Ctx() context: Context): Promise<RepairRequestRow[]> {
    return (await context.loaders.requestsBySubmitter.load(resident.id)).filter((row) => visibleTo(context.caller, row));
  }
}

/** Any resident id is a valid reference here: this department holds only their requests. */
export function resolveResident(reference: { id?: unknown }): Resident {
  return { id: String(reference.id) };
}
