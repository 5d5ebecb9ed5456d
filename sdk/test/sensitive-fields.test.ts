import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SUPERGRAPH_PATH } from '@liangling/schema';
import { SENSITIVE_FIELDS } from '../src';
import { renderSensitiveFields } from '../scripts/sensitive-fields';

describe('SENSITIVE_FIELDS', () => {
  it('holds the policy of every personal field, from the supergraph', () => {
    expect(SENSITIVE_FIELDS['Resident.idNumber']).toEqual({ level: 'SENSITIVE', mask: 'ID_NUMBER' });
    expect(SENSITIVE_FIELDS['Resident.name']).toEqual({ level: 'PERSONAL', mask: 'NAME' });
    expect(Object.keys(SENSITIVE_FIELDS)).not.toContain('Resident.id');
  });

  it('is what the generator makes of the committed supergraph', () => {
    const committed = readFileSync(join(__dirname, '../src/generated/sensitive.ts'), 'utf8');
    expect(renderSensitiveFields(readFileSync(SUPERGRAPH_PATH, 'utf8'))).toBe(committed);
  });
});

describe('personal fields in the generated types', () => {
  const government = readFileSync(join(__dirname, '../src/generated/government/graphql.ts'), 'utf8');
  const schemaTypes = readFileSync(join(__dirname, '../src/generated/government/schema-types.ts'), 'utf8');

  it('documents and brands each personal field of an operation’s result', () => {
    expect(government).toContain("\n/** PERSONAL data: may come back masked as NAME. */ name: Masked<string, 'NAME'> | null");
    expect(government).toContain(
      "\n/** SENSITIVE data: may come back masked as ID_NUMBER. */ idNumber: Masked<string, 'ID_NUMBER'> | null",
    );
    // Not personal: no mark.
    expect(government).not.toMatch(/may come back[^*]*\*\/ id:/);
  });

  it('merges the mark into the schema type’s own description', () => {
    expect(schemaTypes).toMatch(
      /\* 18-digit resident identity number[^\n]*\n\s+\* SENSITIVE data: may come back masked as ID_NUMBER\.\n\s+\*\/\n\s+idNumber\?: Maybe<Masked<Scalars\['String'\]\['output'\], 'ID_NUMBER'>>;/,
    );
  });

  it('puts the trusted-document hash of its text on every generated document', async () => {
    const { MeDocument } = await import('../src/government');
    const { persistedMetaOf } = await import('../src');
    const { createHash } = await import('node:crypto');
    const meta = persistedMetaOf(MeDocument);
    expect(meta?.hash).toBe(
      createHash('sha256')
        .update(meta?.query ?? '')
        .digest('hex'),
    );
    const manifest = JSON.parse(readFileSync(join(__dirname, '../src/generated/persisted-documents.json'), 'utf8')) as {
      operations: { id: string; body: string }[];
    };
    expect(manifest.operations).toContainEqual(expect.objectContaining({ id: meta?.hash, body: meta?.query }));
  });
});
