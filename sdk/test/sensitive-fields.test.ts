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
