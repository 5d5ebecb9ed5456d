import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  Kind,
  buildSchema,
  parse,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { CONTRACTS_DIR, MASK_SHOWS, PUBLISHED_AUDIENCES, SUBGRAPHS_DIR, SUPERGRAPH_PATH, apiSchemaOf, type MaskStrategy } from '../src';

/**
 * A field whose name looks personal must say what it is: `@sensitive(level: …)` with its level, or
 * `@sensitive(level: PUBLIC)` where it is public on purpose (a region's name, an organisation's phone).
 * Adding `phone` to a type without a decision fails CI here.
 */
const LOOKS_PERSONAL =
  /name|phone|mobile|idnumber|identity|address|birth|gender|health|disab|income|alone|elderly|contact|petitioner|party|evidence|stream|content|description|feedback|author|location/i;

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

function hasSensitive(field: { readonly directives?: readonly ConstDirectiveNode[] | undefined }): boolean {
  return field.directives?.some((directive) => directive.name.value === 'sensitive') ?? false;
}

/** An argument that narrows, searches or orders rows by free text tests whatever the text matches. */
const SELECTS_BY_TEXT = /^(text|query|search|prefix)$/i;
/** An ordering argument: each of its values names what rows are ordered by. */
const ORDERS = /order|sort/i;

/** Types whose rows are people, or tie people to a place: a link to one is a fact about a person. */
const PERSON_TYPES = new Set(['Resident', 'ResidentConnection', 'Volunteer', 'VolunteerConnection']);
/** Scalar fields holding a person's id. */
const PERSON_ID = /^(resident|petitioner|submitter|submittedBy|author|subject|party|person|member)s?Ids?$/i;

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * Arguments and input fields that select rows by a protected field, and links and ids that tie a
 * person to something, must declare the level of the fact they tell (privacy.md, Facts, not only
 * fields). What a mutation takes is a write, not a selection: its inputs are checked where they are read.
 */
function undeclaredFacts(sdl: string): string[] {
  const document = parse(sdl);
  const inputs = new Map<string, InputObjectTypeDefinitionNode>();
  const enums = new Map<string, readonly string[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) inputs.set(definition.name.value, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION)
      enums.set(
        definition.name.value,
        (definition.values ?? []).map((value) => value.name.value),
      );
  }
  const found = new Set<string>();
  const checkArgument = (where: string, arg: InputValueDefinitionNode) => {
    const orderedBy = ORDERS.test(arg.name.value) ? (enums.get(namedType(arg.type)) ?? []) : [];
    const personal =
      LOOKS_PERSONAL.test(arg.name.value) ||
      SELECTS_BY_TEXT.test(arg.name.value) ||
      orderedBy.some((value) => LOOKS_PERSONAL.test(value.replaceAll('_', '')));
    if (personal && !hasSensitive(arg)) found.add(`${where}(${arg.name.value})`);
    const input = inputs.get(namedType(arg.type));
    for (const inner of input?.fields ?? []) {
      if ((LOOKS_PERSONAL.test(inner.name.value) || /age|birth/i.test(inner.name.value)) && !hasSensitive(inner))
        found.add(`${input!.name.value}.${inner.name.value}`);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition as ObjectTypeDefinitionNode;
    const typeName = type.name.value;
    if (typeName === 'Mutation') continue;
    // A connection's edges are its parent field's: decided there.
    const root = typeName === 'Query' || typeName === 'Subscription' || typeName.endsWith('Edge');
    for (const field of type.fields ?? []) {
      for (const arg of field.arguments ?? []) checkArgument(`${typeName}.${field.name.value}`, arg);
      if (root || hasSensitive(field) || type.directives?.some((directive) => directive.name.value === 'sensitive')) continue;
      const target = namedType(field.type);
      const link = PERSON_TYPES.has(target) && !PERSON_TYPES.has(typeName);
      // A resident's own list of records (their requests, petitions, volunteering) says what they did.
      const ownRecords =
        typeName === 'Resident' && field.name.value !== 'id' && !['String', 'Boolean', 'Int', 'Float', 'ID'].includes(target);
      if (link || ownRecords || PERSON_ID.test(field.name.value)) found.add(`${typeName}.${field.name.value}`);
    }
  }
  return [...found].sort();
}

/** What facts a field states, by its name: a mask that shows one of them must not sit beside such a field. */
const FIELD_FACTS: readonly (readonly [RegExp, string])[] = [
  [/elderly|birth|age/i, 'age'],
  [/gender|sex/i, 'sex'],
  [/address|household|building|place|region/i, 'district'],
];

/**
 * Fields whose mask shows a fact that another protected field of the same type states: whoever is
 * given the mask would learn from it what the other field withholds.
 */
function masksThatTell(sdl: string): string[] {
  const found: string[] = [];
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const fields = (definition as ObjectTypeDefinitionNode).fields ?? [];
    const protectedFacts = new Map<string, string[]>();
    for (const field of fields) {
      const level = directiveArg(field, 'level');
      if (!level || level === 'PUBLIC') continue;
      for (const [pattern, fact] of FIELD_FACTS)
        if (pattern.test(field.name.value)) protectedFacts.set(fact, [...(protectedFacts.get(fact) ?? []), field.name.value]);
    }
    for (const field of fields) {
      const mask = directiveArg(field, 'mask') as MaskStrategy | undefined;
      for (const fact of mask ? MASK_SHOWS[mask] : []) {
        const others = (protectedFacts.get(fact) ?? []).filter((name) => name !== field.name.value);
        if (others.length > 0)
          found.push(`${definition.name.value}.${field.name.value} (${mask} shows ${fact}, which ${others.join(', ')} withholds)`);
      }
    }
  }
  return found;
}

function directiveArg(field: FieldDefinitionNode, name: string): string | undefined {
  const directive = field.directives?.find((node) => node.name.value === 'sensitive');
  const arg = directive?.arguments?.find((node) => node.name.value === name);
  return arg && arg.value.kind === Kind.ENUM ? arg.value.value : undefined;
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

describe('every argument, input field, link and person id that tells a fact declares its level', () => {
  const files = readdirSync(SUBGRAPHS_DIR).filter((file) => file.endsWith('.graphql'));

  it.each(files)('%s', (file) => {
    expect(undeclaredFacts(readFileSync(join(SUBGRAPHS_DIR, file), 'utf8'))).toEqual([]);
  });

  it('catches a filter, a search, a link and an id without a level', () => {
    const sdl = `
      type Query { residents(filter: F, text: String, orderBy: O): [Resident] }
      enum O { RECENT BIRTH_DATE }
      input F { lowIncome: Boolean ageBand: Int }
      type Resident { id: ID! requests: [Request] }
      type Request { id: ID! submittedBy: Resident residentId: ID }`;
    expect(undeclaredFacts(sdl)).toEqual([
      'F.ageBand',
      'F.lowIncome',
      'Query.residents(orderBy)',
      'Query.residents(text)',
      'Request.residentId',
      'Request.submittedBy',
      'Resident.requests',
    ]);
    const declared = `
      type Query { residents(filter: F, text: String @sensitive(level: PERSONAL)): [Resident] }
      input F { lowIncome: Boolean @sensitive(level: SENSITIVE) }
      type Request { id: ID! submittedBy: Resident @sensitive(level: PERSONAL) }`;
    expect(undeclaredFacts(declared)).toEqual([]);
  });
});

describe('no mask shows what another field of its type withholds', () => {
  const files = readdirSync(SUBGRAPHS_DIR).filter((file) => file.endsWith('.graphql'));

  it.each(files)('%s', (file) => {
    expect(masksThatTell(readFileSync(join(SUBGRAPHS_DIR, file), 'utf8'))).toEqual([]);
  });

  it('catches a year of birth beside a withheld elderly flag', () => {
    const sdl =
      'type Resident { birthDate: String @sensitive(level: PERSONAL, mask: YEAR) elderly: Boolean @sensitive(level: SENSITIVE, mask: NULL) }';
    expect(masksThatTell(sdl)).toEqual(['Resident.birthDate (YEAR shows age, which elderly withholds)']);
  });
});

describe('a contract shows no structure its audience cannot see', () => {
  const api = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const everyName = new Set<string>();
  for (const type of Object.values(api.getTypeMap())) {
    everyName.add(type.name);
    if ('getFields' in type)
      for (const field of Object.values(type.getFields())) everyName.add(field.name).add(`${type.name}.${field.name}`);
  }

  /** Backticked names in the contract's descriptions that the graph has and the contract lacks. */
  function hiddenNamesIn(contractSdl: string): string[] {
    const contract = buildSchema(contractSdl);
    const visible = new Set<string>();
    for (const type of Object.values(contract.getTypeMap())) {
      visible.add(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          visible.add(field.name).add(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) visible.add(arg.name);
        }
      }
      if ('getValues' in type) for (const value of type.getValues()) visible.add(value.name);
    }
    const found = new Set<string>();
    for (const [, code] of contractSdl.matchAll(/`([^`]+)`/g)) {
      for (const name of code!.match(/[A-Za-z_][\w.]*/g) ?? []) if (everyName.has(name) && !visible.has(name)) found.add(name);
    }
    return [...found].sort();
  }

  it.each(PUBLISHED_AUDIENCES)('the %s contract’s descriptions name only what it holds', (audience) => {
    expect(hiddenNamesIn(readFileSync(join(CONTRACTS_DIR, `${audience}.graphql`), 'utf8'))).toEqual([]);
  });

  it('the public contract takes no input a staff mutation uses, and has no mutations', () => {
    const publicContract = buildSchema(readFileSync(join(CONTRACTS_DIR, 'public.graphql'), 'utf8'));
    expect(publicContract.getMutationType()).toBeUndefined();
    for (const name of ['RegisterResidentInput', 'RaiseAlertInput', 'SubmitRepairRequestInput', 'ResidentFilter', 'AuditFilter'])
      expect(publicContract.getType(name)).toBeUndefined();
  });

  it('catches a description naming a hidden field', () => {
    expect(
      hiddenNamesIn('type Query { building: Building } type Building { """Who lives here: see `Household.members`.""" id: ID }'),
    ).toEqual(['Household.members']);
  });
});
