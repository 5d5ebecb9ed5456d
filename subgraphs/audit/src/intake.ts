import { verifyCallerContext, CALLER_CONTEXT_HEADER, type KeyMaterial, type ReplayGuard } from '@liangling/schema';
import type { AccessRecordInput } from '@liangling/kit';
import express, { type Router } from 'express';
import { z } from 'zod';
import { chainOf } from './chain';
import type { Db } from './context';

const Records = z.object({
  records: z
    .array(
      z.object({
        at: z.string().datetime(),
        requestId: z.string().max(200),
        correlationId: z.string().max(200).optional(),
        subgraph: z.string().max(100),
        actor: z.object({ role: z.string() }).passthrough(),
        typeName: z.string().max(200),
        means: z.enum(['read', 'link', 'filter', 'search', 'alert']).default('read'),
        fields: z.array(z.string()).max(500),
        entityIds: z.array(z.string()).max(10_000),
        subjectIds: z.array(z.string()).max(10_000),
      }),
    )
    .max(1000),
});

/**
 * `POST /records`: where department services write access records, signed as services with the
 * caller-context key. Not part of the graph: no caller of the gateway can reach it.
 */
export function auditIntake(
  router: Router,
  { db, callerKey, replayGuard }: { db: Db; callerKey: KeyMaterial; replayGuard: ReplayGuard },
): void {
  const raw = new WeakMap<object, Buffer>();
  const keepRaw = (req: object, _res: unknown, body: Buffer) => void raw.set(req, body);
  router.post('/records', express.json({ limit: '5mb', verify: keepRaw }), async (req, res) => {
    // Bound to the bytes received: a service's context is good for its one batch of records.
    const body = raw.get(req) ?? Buffer.alloc(0);
    const verified = await verifyCallerContext(req.header(CALLER_CONTEXT_HEADER), callerKey, { method: req.method, body }, { replayGuard });
    if (!verified.ok || verified.caller.role !== 'service' || !verified.caller.sub?.startsWith('subgraph:')) {
      res.status(401).json({ error: 'department services only' });
      return;
    }
    const parsed = Records.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      return;
    }
    try {
      await chainOf(db).append(parsed.data.records as unknown as AccessRecordInput[]);
      res.status(204).end();
    } catch {
      res.status(503).json({ error: 'the audit store is unavailable' });
    }
  });
}
