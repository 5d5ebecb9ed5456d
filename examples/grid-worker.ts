// A grid worker's list of the residents of their grid, through the typed SDK.
//
//   node -r ./scripts/register.js examples/grid-worker.ts <token> [--url URL] [--region REGION_ID]
//
// token   a grid worker's token (`npm run -s token -- --role grid_worker --regions r-210103-1-1-1`),
//         or LIANGLING_TOKEN
// --url   the gateway, or LIANGLING_URL; default http://127.0.0.1:4000/graphql (what `npm start` serves)
// --region the grid to list, or LIANGLING_REGION; default r-210103-1-1-1 (多福社区第一网格)
import { parseArgs } from 'node:util';
import {
  GridResidentsDocument,
  SENSITIVE_FIELDS,
  createClient,
  type GridResidentsQuery,
  type SensitiveField,
} from '@liangling/sdk/government';

const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';
const DEFAULT_REGION = 'r-210103-1-1-1';
const PAGE_SIZE = 50;

export interface GridWorkerOptions {
  readonly url: string;
  readonly token: string;
  readonly regionId: string;
  /** Where the lines go. @default console.log */
  readonly print?: (line: string) => void;
}

type ResidentRow = NonNullable<GridResidentsQuery['residents']>['edges'][number]['node'];

const COLUMNS: readonly { readonly title: string; readonly field?: SensitiveField; readonly value: (row: ResidentRow) => string }[] = [
  { title: 'id', value: (row) => row.id },
  { title: 'name', field: 'Resident.name', value: (row) => row.name ?? '—' },
  { title: 'phone', field: 'Resident.phone', value: (row) => row.phone ?? '—' },
  { title: 'idNumber', field: 'Resident.idNumber', value: (row) => row.idNumber ?? '—' },
  { title: 'birthDate', field: 'Resident.birthDate', value: (row) => row.birthDate ?? '—' },
  { title: 'repairs', value: (row) => (row.repairRequests ? String(row.repairRequests.length) : '—') },
];

/** Prints every resident of the grid, page by page; resolves with how many there were. */
export async function main(options: GridWorkerOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const client = createClient({ url: options.url, token: options.token, purpose: 'grid-visit' });
  const rows: ResidentRow[] = [];
  let after: string | null = null;
  do {
    const { residents }: GridResidentsQuery = await client.request(GridResidentsDocument, {
      regionId: options.regionId,
      first: PAGE_SIZE,
      after,
    });
    // `residents` is null only beside an error, and then `request()` has thrown.
    rows.push(...(residents?.edges ?? []).map((edge) => edge.node));
    after = residents?.pageInfo.hasNextPage ? residents.pageInfo.endCursor : null;
  } while (after);

  // The column titles carry each field's privacy level, from the schema's @sensitive directives.
  const header = COLUMNS.map((column) => (column.field ? `${column.title} (${SENSITIVE_FIELDS[column.field].level})` : column.title));
  const cells = rows.map((row) => COLUMNS.map((column) => column.value(row)));
  const widths = header.map((title, index) => Math.max(width(title), ...cells.map((line) => width(line[index] ?? ''))));
  const format = (line: readonly string[]) =>
    line
      .map((cell, index) => pad(cell, widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  print(`${rows.length} residents in ${options.regionId}`);
  print(format(header));
  print(format(widths.map((each) => '-'.repeat(each))));
  for (const line of cells) print(format(line));
  print('* marks a masked value; — a value this caller may not see.');
  return rows.length;
}

/** Terminal columns a string takes: CJK characters take two. */
function width(text: string): number {
  let columns = 0;
  for (const char of text)
    columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, region: { type: 'string' } } });
  const token = positionals[0] ?? process.env['LIANGLING_TOKEN'];
  if (!token) {
    console.error('usage: node -r ./scripts/register.js examples/grid-worker.ts <token> [--url URL] [--region REGION_ID]');
    console.error('  get a token with: npm run -s token -- --role grid_worker --regions r-210103-1-1-1');
    process.exit(2);
  }
  main({
    token,
    url: values.url ?? process.env['LIANGLING_URL'] ?? DEFAULT_URL,
    regionId: values.region ?? process.env['LIANGLING_REGION'] ?? DEFAULT_REGION,
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  });
}
