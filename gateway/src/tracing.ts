import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  /**
   * OTLP/HTTP endpoint of a collector, e.g. `http://otel-collector:4318` (`/v1/traces` is added).
   * Without one no tracer is registered, and @apollo/gateway's spans cost nothing.
   * @default none
   */
  readonly otlpEndpoint?: string;
  /** `service.name` of the spans. @default 'liangling-gateway' */
  readonly serviceName?: string;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Registers a global tracer provider that exports @apollo/gateway's OpenTelemetry spans (request,
 * plan, fetch per subgraph) over OTLP/HTTP, with W3C propagation: the subgraph source injects
 * `traceparent` into each fetch, so a trace spans gateway and departments. Returns undefined when no endpoint is set.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (!options.otlpEndpoint) return undefined;
  const url = new URL('v1/traces', options.otlpEndpoint.endsWith('/') ? options.otlpEndpoint : `${options.otlpEndpoint}/`).toString();
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': options.serviceName ?? 'liangling-gateway' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
