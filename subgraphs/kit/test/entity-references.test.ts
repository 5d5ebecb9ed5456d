import { describe, expect, it } from '@jest/globals';
import { FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { buildDepartmentSchema, entityReference, resolveReferenceById, type Department, type EntityReference } from '../src';

// As a department's references.ts declares them.
const RegionReference = entityReference('Region');
type RegionReference = EntityReference;
const ResidentReference = entityReference('Resident');
type ResidentReference = EntityReference;

// Two departments of one process adding their own fields to the one shared Region class.
@Resolver(() => RegionReference)
class FirstRegionFigures {
  @Query(() => Int)
  first(): number {
    return 1;
  }

  @FieldResolver(() => Int)
  firstFigure(@Root() region: RegionReference): number {
    return region.id.length;
  }
}

@Resolver(() => RegionReference)
class SecondRegionFigures {
  @Query(() => ResidentReference)
  somebody(): ResidentReference {
    return { id: 'p-0000001' };
  }

  @FieldResolver(() => Int)
  secondFigure(@Root() region: RegionReference): number {
    return region.id.length;
  }
}

const department = (name: string, resolver: Function): Department =>
  ({
    name,
    code: name.toUpperCase(),
    resolvers: [resolver],
    orphanedTypes: [RegionReference],
    entities: { Region: resolveReferenceById, Resident: resolveReferenceById },
    scopes: {},
    database: {} as Department['database'],
    loaders: () => ({}),
  }) as Department;

const fieldsOf = (sdl: string, name: string) => {
  for (const match of sdl.matchAll(/type (\w+)( @key\([^)]*\))? \{([^}]*)\}/g)) {
    if (match[1] === name)
      return { key: match[2]?.trim(), fields: [...(match[3] ?? '').matchAll(/^\s+(\w+)[(:]/gm)].map((field) => field[1]) };
  }
  return undefined;
};

describe('the shared entity references', () => {
  it('are one class per entity, named after it, keyed by a resolvable id', () => {
    expect(entityReference('Region')).toBe(RegionReference);
    expect(entityReference('Resident')).toBe(ResidentReference);
    expect(entityReference('Alert')).not.toBe(RegionReference);
    expect(entityReference('Alert')).toBe(entityReference('Alert'));
    expect(resolveReferenceById({ id: 'r-2101' })).toEqual({ id: 'r-2101' });
    expect(resolveReferenceById({ id: 42 })).toEqual({ id: '42' });
  });

  it('carry into each department’s schema only that department’s fields, whatever was built before', async () => {
    const first = await buildDepartmentSchema(department('first', FirstRegionFigures));
    const second = await buildDepartmentSchema(department('second', SecondRegionFigures));
    const firstAgain = await buildDepartmentSchema(department('first', FirstRegionFigures));
    expect(fieldsOf(first.sdl, 'Region')).toEqual({ key: '@key(fields: "id")', fields: ['id', 'firstFigure'] });
    expect(fieldsOf(second.sdl, 'Region')).toEqual({ key: '@key(fields: "id")', fields: ['id', 'secondFigure'] });
    expect(fieldsOf(second.sdl, 'Resident')).toEqual({ key: '@key(fields: "id")', fields: ['id'] });
    expect(fieldsOf(first.sdl, 'Resident')).toBeUndefined();
    expect(firstAgain.sdl).toBe(first.sdl);
  });
});
