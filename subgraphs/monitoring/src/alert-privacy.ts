import { pathIds } from '@liangling/kit';
import { clears, codedError, decide, type Caller, type DataLevel, type FieldPolicy, type RowScope } from '@liangling/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { EMERGENCY } from './access';
import { ALERT_CLASSIFICATION, type AlertClassification } from './alert-kind';
import type { Context } from './context';
import type { AlertKind } from './enums';
import type { Alert as AlertRow } from './generated/prisma/client';

// Derived records inherit (privacy.md, "Facts, not only fields"): an alert's place, evidence, related ids
// and resident carry the level of what its rule fused (ALERT_CLASSIFICATION), decided per reader here, at
// the source. The fields' own directives are the floor every alert has (INTERNAL: staff only); the kind
// raises it. Every reveal at PERSONAL or above is recorded with the means `alert`.

/** The petitions office: the only department that may read where petitions come from. */
const PETITIONS_OFFICE = 'PETITIONS';

/** Fields about a resident are at least PERSONAL whatever the kind. */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['resident', 'personalEvidence']);

export function classificationOf(row: Pick<AlertRow, 'kind'>): AlertClassification {
  const classification = ALERT_CLASSIFICATION[row.kind as AlertKind];
  // An alert of a kind this code does not know is withheld like the strictest: fail closed.
  return classification ?? { level: 'SECRET', about: 'petitioners', fusedFrom: [] };
}

/** Who and where an alert's content is about, by its classification. */
export function classifiedScope(row: AlertRow): RowScope {
  const classification = classificationOf(row);
  switch (classification.about) {
    case 'place':
      return { subjectIds: [], regionPath: pathIds(row.regionPath), departments: [...new Set([EMERGENCY, row.department])] };
    case 'household':
      return {
        subjectIds: row.residentId ? [row.residentId] : [],
        regionPath: pathIds(row.regionPath),
        departments: [...new Set([EMERGENCY, row.department])],
      };
    case 'petitioners':
      // As `Petition.region` is scoped in the petitions department: the office's alone, no place's staff.
      return { subjectIds: [], departments: [PETITIONS_OFFICE] };
  }
}

function levelOf(row: AlertRow, field: string): DataLevel {
  const level = classificationOf(row).level;
  return PERSONAL_FIELDS.has(field) && !clears(level, 'PERSONAL') ? 'PERSONAL' : level;
}

/**
 * The value of one of an alert's classified fields as this reader may learn it: the value (recorded as a
 * reveal through an alert at PERSONAL or above), null when masked, FORBIDDEN_FIELD when denied.
 */
export function classified<T>(context: Context, row: AlertRow, field: string, info: GraphQLResolveInfo, value: () => T): T | null {
  const scope: RowScope = { ...classifiedScope(row), grantedPurposes: alertGrants(context.caller, row) };
  const level = levelOf(row, field);
  const policy: FieldPolicy = { level, mask: 'NULL', field: `Alert.${field}` };
  const decision = decide(context.caller, policy, scope);
  if (decision === 'DENY') throw codedError('FORBIDDEN_FIELD', `You may not see Alert.${field} here.`, { field: `Alert.${field}` });
  if (decision === 'MASK') return null;
  if (clears(level, 'PERSONAL')) {
    context.reveals.add({
      typeName: 'Alert',
      field,
      entityId: row.id,
      subjectIds: scope.subjectIds,
      path: pathOf(info.path),
      mask: 'NULL',
      means: 'alert',
    });
  }
  return value();
}

/**
 * Purposes backed by work (privacy.md): an alert still being handled is itself the record of work for
 * those who cover it — the emergency it raises (`emergency`) and, for a care alert, the visit it calls
 * for (`care-visit`). Once resolved it grants nothing; `decide()` still asks that the caller cover the row.
 */
function alertGrants(caller: Caller, row: AlertRow): readonly string[] {
  if (row.status === 'RESOLVED' || !caller.purpose) return [];
  if (caller.purpose === 'emergency') return ['emergency'];
  if (caller.purpose === 'care-visit' && classificationOf(row).about === 'household') return ['care-visit'];
  return [];
}

/**
 * May the caller learn that this alert exists at its place (a list of a region's alerts)? Yes where it may
 * read the place itself, and for a kind about people only where it covers them: a grid worker of another
 * grid, an officer of another department, a partner learn nothing of a care alert's household.
 */
export function mayListAt(caller: Caller, row: AlertRow): boolean {
  const level = classificationOf(row).level;
  const gate: DataLevel = clears(level, 'SENSITIVE') ? 'PERSONAL' : level;
  return decide(caller, { level: gate, mask: 'NULL', field: 'Alert.place' }, classifiedScope(row)) === 'REVEAL';
}

/** Records that a listing by place revealed where these alerts are. */
export function recordListed(context: Context, rows: readonly AlertRow[], info: GraphQLResolveInfo): void {
  rows.forEach((row, index) => {
    if (!clears(classificationOf(row).level, 'PERSONAL')) return;
    context.reveals.add({
      typeName: 'Alert',
      field: 'place',
      entityId: row.id,
      subjectIds: classifiedScope(row).subjectIds,
      path: [...pathOf(info.path), index],
      mask: 'NULL',
      means: 'alert',
    });
  });
}

function pathOf(path: GraphQLResolveInfo['path']): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let node: GraphQLResolveInfo['path'] | undefined = path; node; node = node.prev) keys.unshift(node.key);
  return keys;
}
