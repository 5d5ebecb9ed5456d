import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** A pino logger at `info` whose JSON lines a test reads back, parsed, in `lines`. */
export function capturedLogs(): { readonly lines: Record<string, unknown>[]; readonly logger: Logger } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}
