import type { Caller, MaskStrategy } from '@liangling/schema';
import type { AccessRecordInput, RevealMeans } from './record';

/** A revealed value: enough to record it, and to mask it again if the record cannot be written. */
export interface Reveal {
  readonly typeName: string;
  readonly field: string;
  readonly entityId: string;
  readonly subjectIds: readonly string[];
  readonly path: readonly (string | number)[];
  readonly mask: MaskStrategy;
  /** @default 'read' */
  readonly means?: RevealMeans;
}

/** The reveals of PERSONAL data or above during one request. */
export class RevealLog {
  readonly reveals: Reveal[] = [];

  add(reveal: Reveal): void {
    this.reveals.push(reveal);
  }

  /** One record per type and means: the union of its revealed fields, entities and subjects. */
  toRecords(base: { at: string; requestId: string; correlationId?: string; subgraph: string; actor: Caller }): AccessRecordInput[] {
    const byType = new Map<
      string,
      { typeName: string; means: RevealMeans; fields: Set<string>; entityIds: Set<string>; subjectIds: Set<string> }
    >();
    for (const reveal of this.reveals) {
      const means = reveal.means ?? 'read';
      const key = `${reveal.typeName}\u0000${means}`;
      let entry = byType.get(key);
      if (!entry) {
        entry = { typeName: reveal.typeName, means, fields: new Set(), entityIds: new Set(), subjectIds: new Set() };
        byType.set(key, entry);
      }
      entry.fields.add(reveal.field);
      entry.entityIds.add(reveal.entityId);
      for (const subject of reveal.subjectIds) entry.subjectIds.add(subject);
    }
    const { correlationId, ...rest } = base;
    return [...byType.values()].map((entry) => ({
      ...rest,
      ...(correlationId ? { correlationId } : {}),
      typeName: entry.typeName,
      means: entry.means,
      fields: [...entry.fields].sort(),
      entityIds: [...entry.entityIds].sort(),
      subjectIds: [...entry.subjectIds].sort(),
    }));
  }
}
