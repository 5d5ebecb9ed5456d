import type { Caller, MaskStrategy } from '@liangling/schema';
import type { AccessRecordInput } from './record';

/** A revealed value: enough to record it, and to mask it again if the record cannot be written. */
export interface Reveal {
  readonly typeName: string;
  readonly field: string;
  readonly entityId: string;
  readonly subjectIds: readonly string[];
  readonly path: readonly (string | number)[];
  readonly mask: MaskStrategy;
  /** How the fact was learned when not by reading the field itself: `alert` for a derived record's place or evidence. */
  readonly means?: string;
}

/** The reveals of PERSONAL data or above during one request. */
export class RevealLog {
  readonly reveals: Reveal[] = [];

  add(reveal: Reveal): void {
    this.reveals.push(reveal);
  }

  /** One record per type (and means): the union of its revealed fields, entities and subjects. */
  toRecords(base: { at: string; requestId: string; subgraph: string; actor: Caller }): AccessRecordInput[] {
    const byType = new Map<string, { typeName: string; means: string | undefined; fields: Set<string>; entityIds: Set<string>; subjectIds: Set<string> }>();
    for (const reveal of this.reveals) {
      const key = `${reveal.typeName}\n${reveal.means ?? ''}`;
      let entry = byType.get(key);
      if (!entry) {
        entry = { typeName: reveal.typeName, means: reveal.means, fields: new Set(), entityIds: new Set(), subjectIds: new Set() };
        byType.set(key, entry);
      }
      entry.fields.add(reveal.field);
      entry.entityIds.add(reveal.entityId);
      for (const subject of reveal.subjectIds) entry.subjectIds.add(subject);
    }
    return [...byType.values()].map((entry) => ({
      ...base,
      typeName: entry.typeName,
      ...(entry.means ? { means: entry.means } : {}),
      fields: [...entry.fields].sort(),
      entityIds: [...entry.entityIds].sort(),
      subjectIds: [...entry.subjectIds].sort(),
    }));
  }
}
