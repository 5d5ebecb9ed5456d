import { describe, expect, it } from '@jest/globals';
import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import {
  buildDepartmentSchema,
  DepartmentReference,
  departmentScope,
  parsePeriod,
  PeriodInput,
  resolveDepartmentReference,
  type Department,
} from '../src';

// Two departments of one process adding their own figures to the one shared Department class.
@Resolver(() => DepartmentReference)
class FirstFigures {
  @Query(() => Int)
  first(): number {
    return 1;
  }

  @FieldResolver(() => Int)
  firstFigure(@Root() department: DepartmentReference, @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput): number {
    return department.code.length + (period ? 1 : 0);
  }
}

@Resolver(() => DepartmentReference)
class SecondFigures {
  @Query(() => Int)
  second(): number {
    return 2;
  }

  @FieldResolver(() => Int)
  secondFigure(@Root() department: DepartmentReference): number {
    return department.code.length;
  }
}

const department = (name: string, resolver: Function): Department =>
  ({
    name,
    code: name.toUpperCase(),
    resolvers: [resolver],
    orphanedTypes: [DepartmentReference],
    entities: { Department: resolveDepartmentReference },
    scopes: { Department: departmentScope },
    database: {} as Department['database'],
    loaders: () => ({}),
  }) as Department;

const fieldsOfDepartment = (sdl: string) =>
  [...(/type Department @key\(fields: "code"\) \{([^}]*)\}/.exec(sdl)?.[1] ?? '').matchAll(/^\s+(\w+)[(:]/gm)].map((match) => match[1]);

describe('the shared Department reference', () => {
  it('carries into each department’s schema only that department’s figures, whatever was built before', async () => {
    const first = await buildDepartmentSchema(department('first', FirstFigures));
    const second = await buildDepartmentSchema(department('second', SecondFigures));
    const firstAgain = await buildDepartmentSchema(department('first', FirstFigures));
    expect(fieldsOfDepartment(first.sdl)).toEqual(['code', 'firstFigure']);
    expect(fieldsOfDepartment(second.sdl)).toEqual(['code', 'secondFigure']);
    expect(firstAgain.sdl).toBe(first.sdl);
    expect(first.sdl).toContain('input PeriodInput');
    expect(second.sdl).not.toContain('PeriodInput');
  });

  it('resolves any code, scopes figures to the department, and validates periods', () => {
    expect(resolveDepartmentReference({ code: 'ENFORCEMENT' })).toEqual({ code: 'ENFORCEMENT' });
    expect(departmentScope({ code: 'ENFORCEMENT' })).toEqual({ subjectIds: [], departments: ['ENFORCEMENT'] });
    expect(parsePeriod({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
    });
    expect(() => parsePeriod({ from: 'soon', to: '2026-02-01T00:00:00Z' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period.from' }) }),
    );
    expect(() => parsePeriod({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'period' }) }),
    );
  });
});
