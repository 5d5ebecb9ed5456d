import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { fieldsOutsideContract } from '../src';

const CONTRACT = buildSchema(`
  type Query { regions: [Region!]! me: Resident }
  type Region { id: ID! name: String! }
  type Resident { id: ID! }
`);

describe('fieldsOutsideContract', () => {
  it('names each missing field by its definition, response path (aliases included) and coordinate, not its subfields', () => {
    const document = parse(`
      query Nosy { me { id who: name { first } } regions { id } }
      fragment Extra on Region { id population }
      { secret }
    `);
    expect(fieldsOutsideContract(CONTRACT, document)).toEqual([
      { definition: 'Nosy', path: 'me.who', coordinate: 'Resident.name' },
      { definition: 'fragment Extra', path: 'population', coordinate: 'Region.population' },
      { definition: 'anonymous query', path: 'secret', coordinate: 'Query.secret' },
    ]);
  });

  it('finds nothing in a document inside the contract', () => {
    expect(fieldsOutsideContract(CONTRACT, parse('query Fine { regions { id name } me { id } }'))).toEqual([]);
  });
});
