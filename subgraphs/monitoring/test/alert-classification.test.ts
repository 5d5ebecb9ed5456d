import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { clears, policiesOfSupergraph, SUPERGRAPH_PATH } from '@liangling/schema';
import { ALERT_CLASSIFICATION } from '../src/alert-kind';
import { AlertKind } from '../src/enums';

const policies = policiesOfSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

describe('alert classification', () => {
  it.each(Object.values(AlertKind))('%s carries at least the level of every field its rule fused', (kind) => {
    const classification = ALERT_CLASSIFICATION[kind];
    for (const field of classification.fusedFrom) {
      const level = policies.get(field)?.level ?? 'PUBLIC';
      expect({ field, inherits: clears(classification.level, level) }).toEqual({ field, inherits: true });
    }
  });

  it('a kind fused from people’s data is theirs: household alerts of their residents, surges of the petitions office', () => {
    expect(ALERT_CLASSIFICATION.ELDERLY_INACTIVITY).toMatchObject({ level: 'SENSITIVE', about: 'household' });
    expect(ALERT_CLASSIFICATION.PETITION_SURGE).toMatchObject({ about: 'petitioners' });
    expect(clears(ALERT_CLASSIFICATION.PETITION_SURGE.level, policies.get('Petition.region')!.level)).toBe(true);
  });
});
