import { ListSize, Sensitive } from '@liangling/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context';
import { Device } from './device';
import type { Device as DeviceRow } from './generated/prisma/client';
import { BuildingReference } from './references';

@Resolver(() => BuildingReference)
export class BuildingDevicesResolver {
  @ListSize({ assumedSize: 400 })
  @FieldResolver(() => [Device], {
    nullable: true,
    description: 'Devices installed in the building (water meters of its households included); staff only.',
  })
  @Sensitive({ level: 'INTERNAL' })
  async devices(@Root() building: BuildingReference, @Ctx() context: Context): Promise<DeviceRow[]> {
    return context.loaders.devicesByBuilding.load(building.id);
  }
}
