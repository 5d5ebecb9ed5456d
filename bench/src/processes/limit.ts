// The physical reference ("limit"): no GraphQL, no Prisma, no federation — prepared better-sqlite3
// statements over the same database files the subgraphs serve, and JSON. It answers the grid worker's
// page (the `GridPage` operation: 50 residents of a grid with their repair requests, ID numbers masked
// as ours masks them) and nothing else; ours / limit is what the whole graph costs over reading the
// rows. No privacy decisions and no access records: the reference is what no real server can beat.
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { benchEnv, listenLocally, serveInChild } from './child';

interface ResidentRow {
  id: string;
  name: string;
  phone: string;
  idNumber: string;
  elderly: number;
  livesAlone: number;
}
interface RequestRow {
  id: string;
  category: string;
  status: string;
  description: string;
  createdAt: number | string;
  submittedById: string;
}

serveInChild(async () => {
  const { dataDir } = benchEnv();
  const residents = new Database(join(dataDir, 'residents.db'), { readonly: true, fileMustExist: true });
  const requests = new Database(join(dataDir, 'requests.db'), { readonly: true, fileMustExist: true });
  const regionPath = residents.prepare<[string], { path: string }>('SELECT "path" FROM "Region" WHERE "id" = ?');
  const page = residents.prepare<[string, string, number], ResidentRow>(
    'SELECT "id", "name", "phone", "idNumber", "elderly", "livesAlone" FROM "Resident" WHERE "regionPath" >= ? AND "regionPath" < ? ORDER BY "regionPath", "id" LIMIT ?',
  );
  const requestsOf = requests.prepare<[string], RequestRow>(
    'SELECT "id", "category", "status", "description", "createdAt", "submittedById" FROM "RepairRequest" WHERE "submittedById" IN (SELECT "value" FROM json_each(?)) ORDER BY "createdAt" DESC, "id" DESC',
  );
  const answer = (body: { variables?: { grid?: string } }): unknown => {
    const grid = body.variables?.grid ?? '';
    const region = regionPath.get(grid);
    if (!region) return { data: { residents: null }, errors: [{ message: `no region ${grid}`, extensions: { code: 'NOT_FOUND' } }] };
    const rows = page.all(region.path, `${region.path.slice(0, -1)}0`, 50);
    const byResident = new Map<string, unknown[]>();
    for (const request of requestsOf.all(JSON.stringify(rows.map((row) => row.id)))) {
      const list = byResident.get(request.submittedById) ?? [];
      list.push({
        id: request.id,
        category: request.category,
        status: request.status,
        description: request.description,
        createdAt: new Date(request.createdAt).toISOString(),
      });
      byResident.set(request.submittedById, list);
    }
    const edges = rows.map((row) => ({
      node: {
        id: row.id,
        name: row.name,
        phone: row.phone,
        idNumber: `${row.idNumber.slice(0, 4)}${'*'.repeat(10)}${row.idNumber.slice(-4)}`,
        elderly: row.elderly === 1,
        livesAlone: row.livesAlone === 1,
        repairRequests: byResident.get(row.id) ?? [],
      },
    }));
    return { data: { residents: { edges } } };
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let status = 200;
      let result: unknown;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: { grid?: string } };
        if (body.operationName === 'GridPage') result = answer(body);
        else [status, result] = [404, { errors: [{ message: 'the limit server answers the grid page only' }] }];
      } catch {
        [status, result] = [400, { errors: [{ message: 'not JSON' }] }];
      }
      const text = JSON.stringify(result);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  const { url, close } = await listenLocally(server);
  return {
    url,
    stop: async () => {
      await close();
      residents.close();
      requests.close();
    },
  };
});
