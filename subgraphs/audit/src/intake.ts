import { verifyCallerContext, CALLER_CONTEXT_HEADER } from '@liangling/schema';
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
export function auditIntake(router: Router, { db, callerKey }: { db: Db; callerKey: Uint8Array }): void {
  router.post('/records', express.json({ limit: '5mb' }), async (req, res) => {
    const verified = await verifyCallerContext(req.header(CALLER_CONTEXT_HEADER), callerKey);
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
