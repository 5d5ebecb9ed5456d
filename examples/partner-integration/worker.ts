// A utility company's worker script (沈阳水务, organisation `org-water`), through `@liangling/sdk/partner`:
// it reads its own organisation, works the repair requests assigned to it, and shows what it cannot see.
//
//   TOKEN=$(npm run -s token -- --role partner --sub k-1 --org org-water)
//   npm run -s example:partner -- "$TOKEN"            (or LIANGLING_API_KEY=… for a partner API key)
//
// It pulls the requests dispatched to it (page by page), starts work on each (IN_PROGRESS) and
// reports it repaired (RESOLVED); then it tries what a partner may not do.
import { parseArgs } from 'node:util';
import {
  AssignedRequestsDocument,
  OrganisationDocument,
  PrivacyDeniedError,
  ProgressRepairRequestDocument,
  RepairRequestDocument,
  ResolveRepairRequestDocument,
  ResidentDocument,
  ResidentsDocument,
  createClient,
  isMasked,
  paginate,
  type LianglingError,
} from '@liangling/sdk/partner';

export interface PartnerWorkerOptions {
  readonly url: string;
  /** A partner token (`role: partner`, `organisation`), or… */
  readonly token?: string | undefined;
  /** …a partner API key. */
  readonly apiKey?: string | undefined;
  readonly organisationId: string;
  /** Work at most this many requests of the queue. @default 10 */
  readonly maxRequests?: number;
  /** Other repair requests to look at (not dispatched to this organisation, say). */
  readonly requestIds?: readonly string[];
  /** A resident the worker has no business with, to show what the graph refuses. @default 'p-0000001' */
  readonly residentId?: string;
  readonly print?: (line: string) => void;
}

/** What the run found, for tests and for the summary line. */
export interface PartnerWorkerReport {
  readonly organisation: string | null;
  /** The requests of the queue worked, with the contact phone the partner was given. */
  readonly worked: readonly { readonly id: string; readonly contactPhone: string | null; readonly status: string }[];
  readonly requests: readonly {
    readonly id: string;
    readonly status: string;
    readonly contactPhone: string | null;
    readonly masked: boolean;
  }[];
  /** Paths the graph withheld from the partner (`FORBIDDEN_FIELD`, or a whole record it may not know exists). */
  readonly denied: readonly string[];
  /** Codes of the operations refused outright. */
  readonly refused: readonly string[];
}

export async function main(options: PartnerWorkerOptions): Promise<PartnerWorkerReport> {
  const print = options.print ?? ((line: string) => console.log(line));
  const client = createClient({ url: options.url, token: options.token, apiKey: options.apiKey, purpose: 'repair-dispatch' });

  const { organisation } = await client.request(OrganisationDocument, { id: options.organisationId });
  print(
    `organisation: ${organisation?.name ?? '(not found)'} (${organisation?.kind ?? '?'}), ${organisation?.services.length ?? 0} services`,
  );

  // The queue: everything dispatched to us and not started yet, page by page.
  const worked: PartnerWorkerReport['worked'][number][] = [];
  const queue = paginate(
    client,
    AssignedRequestsDocument,
    { organisationId: options.organisationId, status: 'DISPATCHED', first: 20 },
    (data) => data.organisation?.assignedRequests,
  );
  const todo: { id: string; category: string; contactPhone: string | null; address: string | undefined }[] = [];
  for await (const request of queue) {
    todo.push({ id: request.id, category: request.category, contactPhone: request.contactPhone, address: request.building?.address });
    if (todo.length >= (options.maxRequests ?? 10)) break;
  }
  print(`queue: ${todo.length} dispatched request(s)`);
  for (const request of todo) {
    // Not idempotent (no clientKey): the SDK never retries these on its own.
    await client.request(ProgressRepairRequestDocument, { id: request.id, note: '师傅已出发' });
    const { resolveRepairRequest } = await client.request(ResolveRepairRequestDocument, { id: request.id, note: '已修复' });
    worked.push({ id: request.id, contactPhone: request.contactPhone, status: resolveRepairRequest.status });
    print(
      `request ${request.id}: ${request.category} at ${request.address ?? '?'}, call ${request.contactPhone ?? '—'} → ${resolveRepairRequest.status}`,
    );
  }

  const requests: PartnerWorkerReport['requests'][number][] = [];
  for (const id of options.requestIds ?? []) {
    const { data, errors } = await client.requestWithErrors(RepairRequestDocument, { id });
    const request = data?.repairRequest;
    if (!request) {
      print(`request ${id}: not visible (${errors.map((error) => error.code).join(', ') || 'not found'})`);
      continue;
    }
    const masked = request.contactPhone === null || isMasked(request.contactPhone, 'RepairRequest.contactPhone');
    requests.push({ id: request.id, status: request.status, contactPhone: request.contactPhone, masked });
    print(
      `request ${request.id}: ${request.category} ${request.status}, contact ${request.contactPhone ?? '—'}${masked ? ' (not ours: withheld or masked)' : ''}`,
    );
  }

  // What a partner cannot see: a resident's personal data, and the residents list (staff only).
  const denied: string[] = [];
  const refused: string[] = [];
  const resident = await client.requestWithErrors(ResidentDocument, { id: options.residentId ?? 'p-0000001' });
  for (const error of resident.errors) {
    if (error instanceof PrivacyDeniedError) denied.push(...error.deniedPaths.map((path) => path.join('.')));
    else refused.push(error.code);
  }
  // A resident the partner has no request from is not even there for it: the same null as for an id no one has.
  if (resident.data && !resident.data.resident) denied.push('resident');
  print(
    `resident ${options.residentId ?? 'p-0000001'}: name ${resident.data?.resident?.name ?? '—'}, phone ${resident.data?.resident?.phone ?? '—'} (withheld: ${denied.join(', ') || 'nothing'})`,
  );
  try {
    await client.request(ResidentsDocument, { regionId: 'r-210103-1-1-1', first: 5 });
    print('residents list: visible (unexpected)');
  } catch (error) {
    refused.push((error as LianglingError).code);
    print(`residents list: refused (${(error as LianglingError).code})`);
  }
  return { organisation: organisation?.name ?? null, worked, requests, denied, refused };
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, org: { type: 'string' }, request: { type: 'string', multiple: true } },
  });
  const token = positionals[0] ?? process.env['LIANGLING_TOKEN'];
  const apiKey = process.env['LIANGLING_API_KEY'];
  if (!token && !apiKey) {
    console.error('usage: npm run -s example:partner -- <partner token> [--org org-water] [--request ID …]   (or LIANGLING_API_KEY)');
    console.error('  get a token with: npm run -s token -- --role partner --sub k-1 --org org-water');
    process.exit(2);
  }
  main({
    url: values.url ?? process.env['LIANGLING_URL'] ?? 'http://127.0.0.1:4000/graphql',
    token,
    apiKey,
    organisationId: values.org ?? 'org-water',
    requestIds: values.request ?? [],
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  });
}
