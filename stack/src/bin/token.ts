// npm run -s token -- --role ROLE [--sub ID] [--regions ID,ID] [--department CODE] [--org ID] [--purpose TEXT]
// Prints a development token (and nothing else) signed with the key `npm start` uses. Only claims the
// identity provider asserts: who (role, sub, home), where (regions), for whom (department,
// organisation) and why (purpose, one the role may declare). A grant (a care visit, a case, a
// break-glass) is never a claim: it lives in the departments' records, so there is no option for it.
import { parseArgs } from 'node:util';
import { openDatabase } from '@liangling/kit';
import { residents } from '@liangling/residents';
import { PURPOSES, ROLES, type Role } from '@liangling/schema';
import { join } from 'node:path';
import { configOrExit } from '../config';
import { loadKeys } from '../keys';
import { signToken } from '../tokens';
import { SCOPE_NAMES, isScope } from '@liangling/schema';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      regions: { type: 'string' },
      department: { type: 'string' },
      org: { type: 'string' },
      purpose: { type: 'string' },
      'client-app': { type: 'string' },
      scopes: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
  });
  if (!values.role || !ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const role = values.role as Role;
  if (values.purpose && !PURPOSES[role].includes(values.purpose))
    throw new Error(`--purpose: a ${role} may declare one of ${PURPOSES[role].join(', ')}`);
  const config = configOrExit();
  // [--scopes SCOPE,SCOPE]: a service token carries them, or else the scopes the configuration issues to
  // its --sub (EARLY_WARNING_SCOPES, DEVICE_GATEWAY_SCOPES; none for another subject).
  const scopes =
    values.scopes !== undefined
      ? values.scopes.split(',').filter(Boolean)
      : values.role === 'service' && values.sub
        ? [...(config.serviceScopes[values.sub] ?? [])]
        : [];
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) throw new Error(`unknown scopes ${unknown.join(', ')}; the scopes are ${SCOPE_NAMES.join(', ')}`);
  if (scopes.length > 0 && values.role !== 'service') throw new Error('--scopes are for service identities only (--role service)');
  const keys = loadKeys(config.dataDir, { jwtSecret: config.jwtSecret, callerContextSecret: config.callerContextSecret });
  const home = values.role === 'resident' && values.sub ? await homeOf(config.dataDir, values.sub) : undefined;
  const token = await signToken(
    {
      role: values.role as Role,
      ...(values.sub ? { sub: values.sub } : {}),
      regions: values.regions ? values.regions.split(',').filter(Boolean) : [],
      ...(home ? { home } : {}),
      ...(values.department ? { department: values.department } : {}),
      ...(values.org ? { organisation: values.org } : {}),
      ...(values.purpose ? { purpose: values.purpose } : {}),
      ...(values['client-app'] ? { clientApp: values['client-app'] } : {}),
      ...(scopes.length > 0 ? { scopes } : {}),
    },
    keys.jwtSecret,
    values.ttl,
  );
  process.stdout.write(`${token}\n`);
}

/** A resident's registered home, as the identity provider would assert it: read from the residents database. */
async function homeOf(dataDir: string, residentId: string): Promise<string[] | undefined> {
  const db = await openDatabase({
    dataDir,
    name: residents.name,
    migrationsDir: join(residents.database.prismaDir, 'migrations'),
    connect: residents.database.connect,
  });
  try {
    const row = await db.resident.findUnique({ where: { id: residentId }, select: { regionPath: true } });
    return row?.regionPath.split('/').filter(Boolean);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
