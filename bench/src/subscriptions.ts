// The subscription bench: N concurrent subscribers of Subscription.alertRaised through our gateway,
// each its own caller (so privacy and audit are decided per subscriber, as in production), alerts
// raised one after another, and for every delivery the time from raising to the client reading it.
// Also: memory per subscriber, and a connect/disconnect loop that must leave no socket or memory
// behind. Everything runs in this one process (stack, gateway and clients share its two cores), so
// the figures are an upper bound for the gateway alone.
import { request } from 'node:http';
import { loadConfig, startTestStack, type TestStack } from '@liangling/stack';

export interface SubscriptionBenchOptions {
  /** Concurrent subscribers. @default 1000 */
  readonly subscribers?: number;
  /** Distinct callers among them (subscriber i is caller i mod `callers`). @default `subscribers` */
  readonly callers?: number;
  /** Alerts raised, one after another, each once all subscribers got the one before. @default 10 */
  readonly events?: number;
  /** Connect/disconnect rounds, and subscribers per round. @default 5 × 200 */
  readonly churnRounds?: number;
  readonly churnSubscribers?: number;
  readonly log?: (line: string) => void;
}

export interface SubscriptionBenchResult {
  readonly subscribers: number;
  readonly callers: number;
  readonly events: number;
  readonly deliveries: number;
  readonly missed: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number };
  /** Time to open all subscriptions (each refused or accepted after its probe query). */
  readonly connectSeconds: number;
  readonly heapPerSubscriberKb: number;
  readonly rssPerSubscriberKb: number;
  /** Per round of the churn loop: open sockets and heap after everyone left. */
  readonly churn: readonly { readonly round: number; readonly sockets: number; readonly heapMb: number }[];
  readonly baselineSockets: number;
}

const CITY = 'r-2101';
const GRID = 'r-210103-1-1-1';
const SELECTION =
  'subscription Bench($regionId: ID!) { alertRaised(regionId: $regionId) { id kind severity place { region { id name } } } }';

interface Subscriber {
  readonly received: Map<string, number>;
  readonly close: () => void;
}

function sockets(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
}

async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One subscriber on a connection of its own (no keep-alive pool), so closing it closes the socket. */
async function subscribe(stack: TestStack, index: number, caller: number = index): Promise<Subscriber> {
  const token = await stack.token({ role: 'grid_worker', sub: `bench-gw-${caller}`, regions: [GRID] });
  const url = new URL(`${stack.url}/stream`);
  const received = new Map<string, number>();
  const body = JSON.stringify({ query: SELECTION, variables: { regionId: CITY } });
  return new Promise<Subscriber>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${token}`,
          'x-liangling-purpose': 'grid-visit',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => reject(new Error(`subscriber ${index}: HTTP ${res.statusCode} ${text.slice(0, 300)}`)));
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(event)?.[1];
            if (!event.startsWith('event: next') || !data) continue;
            const id = (JSON.parse(data) as { data?: { alertRaised?: { id?: string } } }).data?.alertRaised?.id;
            if (id) received.set(id, performance.now());
          }
        });
        res.on('error', () => undefined);
        resolve({ received, close: () => req.destroy() });
      },
    );
    req.on('error', (error) => reject(error));
    req.end(body);
  });
}

/** Opens `count` subscribers, 50 at a time, as clients arrive in practice. */
async function subscribeAll(stack: TestStack, count: number, callers: number, offset = 0): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  for (let batch = 0; batch < count; batch += 50) {
    subscribers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, count - batch) }, (_, i) =>
          subscribe(stack, offset + batch + i, offset + ((batch + i) % callers)),
        ),
      )),
    );
  }
  return subscribers;
}

export async function runSubscriptionBench(options: SubscriptionBenchOptions = {}): Promise<SubscriptionBenchResult> {
  const log = options.log ?? (() => undefined);
  const count = options.subscribers ?? 1000;
  const events = options.events ?? 10;
  const callers = options.callers ?? count;
  const loaded = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const stack = await startTestStack({ development: true, gateway: loaded.config.gateway });
  try {
    const service = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: ['alerts:write'] });
    const raise = async (n: number) => {
      const response = await stack.query<{ raiseAlert: { alert: { id: string } } }>(
        'mutation ($input: RaiseAlertInput!) { raiseAlert(input: $input) { alert { id } } }',
        {
          token: service,
          variables: {
            input: {
              kind: 'WATER_LEAK',
              severity: 'MEDIUM',
              dedupeKey: `bench-${Date.now()}-${n}`,
              buildingId: 'b-000001',
              evidence: 'bench',
            },
          },
        },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.raiseAlert.alert.id;
    };
    await settle();
    const baselineSockets = sockets();
    const before = process.memoryUsage();
    const connectStarted = performance.now();
    // Each is authenticated, validated against its contract and probed before its stream opens.
    const subscribers = await subscribeAll(stack, count, callers);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await settle();
    const after = process.memoryUsage();
    log(`subscriptions: ${count} subscribers open in ${connectSeconds.toFixed(1)} s`);

    const latencies: number[] = [];
    let missed = 0;
    for (let n = 0; n < events; n++) {
      const raisedAt = performance.now();
      const id = await raise(n);
      const deadline = raisedAt + 60_000;
      while (subscribers.some((each) => !each.received.has(id)) && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      for (const each of subscribers) {
        const at = each.received.get(id);
        if (at === undefined) missed++;
        else latencies.push(at - raisedAt);
      }
      log(`subscriptions: event ${n + 1}/${events} delivered to ${subscribers.filter((each) => each.received.has(id)).length}/${count}`);
    }
    for (const each of subscribers) each.close();
    await settle();
    latencies.sort((a, b) => a - b);

    const churn: { round: number; sockets: number; heapMb: number }[] = [];
    for (let round = 1; round <= (options.churnRounds ?? 5); round++) {
      const batch = await subscribeAll(stack, options.churnSubscribers ?? 200, options.churnSubscribers ?? 200, 100_000 + round * 1000);
      for (const each of batch) each.close();
      await settle();
      churn.push({ round, sockets: sockets() - baselineSockets, heapMb: Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10 });
      log(`subscriptions: churn round ${round}: ${churn.at(-1)!.sockets} sockets above baseline, heap ${churn.at(-1)!.heapMb} MB`);
    }
    return {
      subscribers: count,
      callers,
      events,
      deliveries: latencies.length,
      missed,
      latencyMs: {
        p50: Math.round(percentile(latencies, 50)),
        p95: Math.round(percentile(latencies, 95)),
        max: Math.round(latencies.at(-1) ?? NaN),
      },
      connectSeconds: Math.round(connectSeconds * 10) / 10,
      heapPerSubscriberKb: Math.round((after.heapUsed - before.heapUsed) / count / 102.4) / 10,
      rssPerSubscriberKb: Math.round((after.rss - before.rss) / count / 102.4) / 10,
      churn,
      baselineSockets,
    };
  } finally {
    await stack.stop();
  }
}

/** The result as BENCHMARKS.md shows it. */
export function subscriptionTable(results: readonly SubscriptionBenchResult[]): string {
  return [
    '| subscribers | distinct callers | events | deliveries (missed) | event → client p50 | p95 | max | connect all | heap / subscriber | RSS / subscriber | sockets left after 5 × 200 connect/disconnect |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (result) =>
        `| ${result.subscribers} | ${result.callers} | ${result.events} | ${result.deliveries} (${result.missed}) | ${result.latencyMs.p50} ms | ${result.latencyMs.p95} ms | ${result.latencyMs.max} ms | ${result.connectSeconds} s | ${result.heapPerSubscriberKb} KB | ${result.rssPerSubscriberKb} KB | ${result.churn.map((round) => round.sockets).join(', ')} (heap ${result.churn.map((round) => round.heapMb).join(', ')} MB) |`,
    ),
  ].join('\n');
}
