import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { SUBGRAPHS_DIR } from '../src';

/**
 * A field whose name looks personal must say what it is: `@sensitive(level: …)` with its level, or
 * `@sensitive(level: PUBLIC)` where it is public on purpose (a region's name, an organisation's phone).
 * Adding `phone` to a type without a decision fails CI here.
 */
const LOOKS_PERSONAL = /name|phone|mobile|idnumber|identity|address|birth|gender|health|disab|income|alone|elderly|contact|petitioner|party|evidence|stream|content|description|feedback|author|location/i;

/** Fields that match the pattern but are about the schema, not about anyone. */
const NOT_ABOUT_PEOPLE = new Set(['typeName', 'fields', 'subgraph', 'actorRole', 'actorDepartment', 'actorOrganisation']);

function undeclared(sdl: string): string[] {
  const found: string[] = [];
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition as ObjectTypeDefinitionNode;
    // A mutation's name says what it does; what it returns is checked on its type.
    if (type.name.value === 'Mutation') continue;
    if (type.directives?.some((directive) => directive.name.value === 'sensitive')) continue;
    for (const field of type.fields ?? []) {
      if (!LOOKS_PERSONAL.test(field.name.value) || NOT_ABOUT_PEOPLE.has(field.name.value)) continue;
      if (!hasSensitive(field)) found.push(`${type.name.value}.${field.name.value}`);
    }
  }
  return found;
}

function hasSensitive(field: FieldDefinitionNode): boolean {
  return field.directives?.some((directive) => directive.name.value === 'sensitive') ?? false;
}

describe('every field that looks personal declares its privacy level', () => {
  const files = readdirSync(SUBGRAPHS_DIR).filter((file) => file.endsWith('.graphql'));

  it('finds the printed subgraphs', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s', (file) => {
    expect(undeclared(readFileSync(join(SUBGRAPHS_DIR, file), 'utf8'))).toEqual([]);
  });

  it('catches a new personal-looking field without the directive', () => {
    expect(undeclared('type Resident { id: ID! mobilePhone: String }')).toEqual(['Resident.mobilePhone']);
    expect(undeclared('type Resident { id: ID! phone: String @sensitive(level: PERSONAL) }')).toEqual([]);
  });
});
