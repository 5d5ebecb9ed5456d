import { ConnectionType } from '@liangling/kit';
import { Field, ObjectType } from 'type-graphql';
import type { AccessRecord as AccessRecordRow } from './generated/prisma/client';

@ObjectType({ description: 'An access to a resident’s data, as the resident sees it: who, when, why; no other person’s ids.' })
export class AccessLogEntry {
  @Field()
  at!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { nullable: true })
  actorDepartment!: string | null;

  @Field(() => String, { nullable: true })
  clientApp!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field()
  subgraph!: string;

  @Field()
  typeName!: string;

  @Field(() => String, { nullable: true, description: 'How it was learned: read, link (followed from a record), filter, search or alert.' })
  means!: string | null;
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  resident: 'you',
  grid_worker: 'a grid worker',
  community_staff: 'community staff',
  department_officer: 'an officer',
  partner: 'a partner organisation',
  auditor: 'an auditor',
  service: 'an automated service',
  anonymous: 'an app',
};

const MEANS_WORDS: Readonly<Record<string, string>> = {
  read: 'by reading it',
  link: 'by following a link from another record',
  filter: 'by filtering a list on it',
  search: 'by searching on it',
  alert: 'through an alert',
};

/** A staff id shown to the resident without naming the person: its first two characters, the rest hidden. */
export function maskActor(sub: string | null): string | null {
  return sub ? `${Array.from(sub).slice(0, 2).join('')}***` : null;
}

/** The record in plain words: who (role, department or organisation, masked staff id), what, when, why and how. */
export function describeAccess(row: AccessRecordRow): string {
  const role = ROLE_WORDS[row.actorRole] ?? row.actorRole;
  const of = row.actorDepartment ? ` of ${row.actorDepartment}` : row.actorOrganisation ? ` of ${row.actorOrganisation}` : '';
  const who =
    row.actorRole === 'resident' ? 'You' : `${role[0]!.toUpperCase()}${role.slice(1)}${of} (${maskActor(row.actorSub) ?? 'unnamed'})`;
  const fields = (JSON.parse(row.fields) as string[]).join(', ');
  const why = row.purpose ? ` for ${row.purpose}` : ' with no declared purpose';
  return `${who} learned ${fields} of a ${row.typeName} on ${row.at}${why}, ${MEANS_WORDS[row.means ?? 'read'] ?? row.means}.`;
}

/** A page of a resident's access log. */
export const AccessLogConnection = ConnectionType('AccessLog', AccessLogEntry);
