import autocannon from 'autocannon';
import type { GraphQLBody, Workload } from './workloads';

export interface LoadOptions {
  /** The `/graphql` URL to load. */
  readonly url: string;
  /** Headers of every request (credentials, the workload's name). */
  readonly headers: Readonly<Record<string, string>>;
  readonly requests: Workload['requests'];
  /** Open connections, each sending its next request when the last one answered. */
  readonly connections: number;
  readonly durationSeconds: number;
}

/** What one cell of the table measured. */
export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Latency percentiles over every response, in milliseconds. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Responses with an HTTP status other than 2xx, and connection errors or timeouts. */
  readonly non2xx: number;
  readonly failures: number;
  /** 2xx responses whose body carries GraphQL `errors` (a partial result, e.g. FORBIDDEN_FIELD). */
  readonly withGraphQLErrors: number;
  /** 2xx responses masked because the access record could not be written (AUDIT_UNAVAILABLE). */
  readonly auditUnavailable: number;
  /** The first body with errors, cut short: to tell an expected FORBIDDEN_FIELD from a broken cell. */
  readonly sampleError?: string;
  /** p99 of the 2xx responses alone: under overload, what an admitted request waits (the 503s are fast). */
  readonly p99OkMs: number;
  /** Every latency, for merging rounds. */
  readonly latencies: readonly number[];
}

/** Loads one URL with one workload at fixed concurrency for a fixed time (autocannon). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const okLatencies: number[] = [];
  let withGraphQLErrors = 0;
  let auditUnavailable = 0;
  let sampleError: string | undefined;
  const requests = options.requests.map((request) => {
    const fixed = typeof request === 'function' ? undefined : JSON.stringify(request);
    return {
      method: 'POST' as const,
      ...(fixed !== undefined ? { body: fixed } : {}),
      ...(typeof request === 'function'
        ? {
            setupRequest: (raw: autocannon.Request) => {
              raw.body = JSON.stringify((request as () => GraphQLBody)());
              return raw;
            },
          }
        : {}),
      onResponse: (status: number, body: string) => {
        if (status >= 200 && status < 300 && body.includes('"errors"')) {
          withGraphQLErrors += 1;
          if (body.includes('AUDIT_UNAVAILABLE')) auditUnavailable += 1;
          sampleError ??= body.slice(0, 400);
        }
      },
    };
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        headers: { 'content-type': 'application/json', ...options.headers },
        requests,
        timeout: 30,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (status >= 200 && status < 300) okLatencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  okLatencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / options.durationSeconds,
    ...percentiles(latencies),
    p99OkMs: percentiles(okLatencies).p99Ms,
    non2xx: result.non2xx,
    failures: result.errors + result.timeouts,
    withGraphQLErrors,
    auditUnavailable,
    ...(sampleError !== undefined ? { sampleError } : {}),
    latencies,
  };
}

/** p50/p95/p99 of sorted latencies (nearest rank), rounded to 0.01 ms. */
export function percentiles(sorted: readonly number[]): { p50Ms: number; p95Ms: number; p99Ms: number } {
  const at = (q: number) => {
    if (sorted.length === 0) return Number.NaN;
    const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
    return Math.round(value * 100) / 100;
  };
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}
