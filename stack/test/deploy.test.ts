// The deploy files (deploy/kubernetes, deploy/compose.yaml) against the code: every variable they set is
// one the configuration modules read, every port and URL matches, every department is deployed.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GATEWAY_OPERATIONS_VARIABLES, GATEWAY_VARIABLES, loadGatewayConfig } from '@liangling/gateway';
import { parseAllDocuments } from 'yaml';
import { loadConfig, STACK_VARIABLES } from '../src';
import { DEPARTMENTS } from '../src/departments';

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const SUBGRAPH_VARIABLES = new Set([...STACK_VARIABLES, ...GATEWAY_OPERATIONS_VARIABLES]);
const GATEWAY = new Set(GATEWAY_VARIABLES);
const NAMES = DEPARTMENTS.map((department) => department.name).sort();

type Manifest = {
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};
const manifests: Manifest[] = readdirSync(join(DEPLOY, 'kubernetes'))
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) => parseAllDocuments(readFileSync(join(DEPLOY, 'kubernetes', file), 'utf8')).map((doc) => doc.toJS() as Manifest))
  .filter(Boolean);
const of = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string) => of(kind).find((manifest) => manifest.metadata.name === name);

/** A container's whole environment: ConfigMaps it loads, then its own entries (Secrets as placeholders). */
function environmentOf(container: any): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const map = named('ConfigMap', source.configMapRef.name);
    expect(map).toBeDefined();
    Object.assign(env, map!.data);
  }
  for (const entry of container.env ?? []) {
    if (entry.valueFrom) {
      const ref = entry.valueFrom.secretKeyRef;
      const secret = named('Secret', ref.name);
      expect(secret?.stringData?.[ref.key]).toBeDefined();
      env[entry.name] = secret!.stringData![ref.key]!;
    } else env[entry.name] = String(entry.value);
  }
  return env;
}

const containerOf = (name: string) => named('Deployment', name)!.spec.template.spec.containers[0];

describe('kubernetes manifests', () => {
  it('deploy every department and the gateway, each with a Service', () => {
    expect(
      of('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...NAMES, 'gateway'].sort());
    expect(
      of('Service')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual([...NAMES, 'gateway'].sort());
    expect(named('Deployment', 'gateway')!.spec.replicas).toBeGreaterThanOrEqual(2);
  });

  it.each(DEPARTMENTS.map((d) => d.name))(
    '%s: variables the stack reads, its own port everywhere, its own database, probes and resources',
    (name) => {
      const container = containerOf(name);
      expect(container.command.at(-1)).toBe(name);
      expect(container.command).toContain('stack/src/bin/start-subgraph.js');
      const env = environmentOf(container);
      for (const variable of Object.keys(env))
        expect({ variable, known: SUBGRAPH_VARIABLES.has(variable) }).toEqual({ variable, known: true });
      const port = Number(env[`${name.toUpperCase()}_PORT`]);
      expect(container.ports[0].containerPort).toBe(port);
      expect(named('Service', name)!.spec.ports[0]).toMatchObject({ port, targetPort: container.ports[0].name });
      expect(env[`${name.toUpperCase()}_DATABASE_URL`]).toMatch(/^postgresql:\/\//);
      expect(env['CALLER_CONTEXT_SECRET']).toBeDefined();
      expect(container.readinessProbe.httpGet).toMatchObject({ path: '/ready', port: container.ports[0].name });
      expect(container.livenessProbe.httpGet).toMatchObject({ path: '/live', port: container.ports[0].name });
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
      // The configuration module accepts the whole environment and reads the same port.
      const loaded = loadConfig(inRepository(env));
      expect(loaded.ok).toBe(true);
      if (loaded.ok) {
        expect(loaded.config.subgraphPorts[name]).toBe(port);
        expect(loaded.config.postgres?.urls?.[name]).toBe(env[`${name.toUpperCase()}_DATABASE_URL`]);
        const audit = named('Service', 'audit')!.spec.ports[0].port;
        expect(loaded.config.auditUrl).toBe(`http://audit:${audit}`);
      }
    },
  );

  it('gateway: variables the gateway reads, subgraph URLs that match the Services, probes and resources', () => {
    const container = containerOf('gateway');
    const env = environmentOf(container);
    for (const variable of Object.keys(env)) expect({ variable, known: GATEWAY.has(variable) }).toEqual({ variable, known: true });
    expect(container.ports[0].containerPort).toBe(Number(env['PORT']));
    expect(named('Service', 'gateway')!.spec.ports[0].targetPort).toBe(container.ports[0].name);
    expect(subgraphUrls(env['SUBGRAPH_URLS']!)).toEqual(
      Object.fromEntries(NAMES.map((name) => [name, `http://${name}:${named('Service', name)!.spec.ports[0].port}/graphql`])),
    );
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/live');
    expect(env['REDIS_URL']).toMatch(/^redis:\/\//);
    // The files it names are where the image has them (/app is the repository).
    for (const file of [env['SUPERGRAPH']!, env['TRUSTED_DOCUMENTS']!]) expect(existsSync(file.replace(/^\/app\//, `${ROOT}/`))).toBe(true);
    const loaded = loadGatewayConfig(undefined, inRepository(env));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (loaded.ok) expect(loaded.options.port).toBe(container.ports[0].containerPort);
  });
});

describe('compose file', () => {
  const compose = parseAllDocuments(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true })[0]!.toJS({
    maxAliasCount: -1,
  }) as { services: Record<string, any> };

  it('runs every department, and two gateways on host ports 4000 and 4010 sharing Redis', () => {
    for (const name of NAMES) expect(compose.services[name]).toBeDefined();
    const gateways = Object.entries(compose.services).filter(([, service]) => service.command?.includes('gateway/src/bin/gateway.js'));
    expect(gateways.map(([, service]) => service.ports[0]).sort()).toEqual(['4000:4000', '4010:4000']);
    for (const [, service] of gateways) {
      for (const variable of Object.keys(service.environment))
        expect({ variable, known: GATEWAY.has(variable) }).toEqual({ variable, known: true });
      expect(service.environment.REDIS_URL).toBe('redis://redis:6379');
      const loaded = loadGatewayConfig(undefined, inRepository(service.environment));
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
      const ports = Object.fromEntries(
        NAMES.map((name) => [name, `http://${name}:${compose.services[name].environment[`${name.toUpperCase()}_PORT`]}/graphql`]),
      );
      expect(subgraphUrls(service.environment.SUBGRAPH_URLS)).toEqual(ports);
    }
  });

  it.each(DEPARTMENTS.map((d) => d.name))('%s: variables the stack reads, its port and its own database', (name) => {
    const environment = compose.services[name].environment as Record<string, string>;
    for (const variable of Object.keys(environment))
      expect({ variable, known: SUBGRAPH_VARIABLES.has(variable) }).toEqual({ variable, known: true });
    expect(compose.services[name].command.at(-1)).toBe(name);
    const loaded = loadConfig(inRepository(environment));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(compose.services[name].healthcheck.test.join(' ')).toContain(`:${loaded.config.subgraphPorts[name]}/ready`);
      expect(loaded.config.postgres?.urls?.[name]).toMatch(new RegExp(`/${name}$`));
      expect(loaded.config.auditUrl).toBe(`http://audit:${compose.services['audit'].environment.AUDIT_PORT}`);
    }
  });

  it('restarts what dies and holds each service back until what it needs is healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      // The migration job runs once; everything else is restarted and has a health check to wait on.
      if (name === 'migrate') {
        expect(service.restart).toBe('no');
        continue;
      }
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
      for (const needed of Object.keys(service.depends_on ?? {})) expect(compose.services[needed]).toBeDefined();
    }
    const gateways = Object.values(compose.services).filter((service) => service.command?.includes('gateway/src/bin/gateway.js'));
    for (const gateway of gateways) {
      expect(gateway.healthcheck.test.join(' ')).toContain(`:${gateway.environment.PORT}/ready`);
      for (const name of NAMES) expect(gateway.depends_on[name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('migrates once, first, and the services only check', () => {
    const migrate = compose.services['migrate'];
    expect(migrate.command.join(' ')).toContain('stack/src/bin/migrate.js');
    for (const variable of Object.keys(migrate.environment))
      expect({ variable, known: SUBGRAPH_VARIABLES.has(variable) }).toEqual({ variable, known: true });
    const loaded = loadConfig(migrate.environment);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (loaded.ok)
      for (const name of NAMES)
        expect(loaded.config.postgres?.urls?.[name]).toBe(compose.services[name].environment[`${name.toUpperCase()}_DATABASE_URL`]);
    for (const name of NAMES) {
      expect(compose.services[name].environment.MIGRATIONS).toBe('check');
      expect(compose.services[name].depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('creates every department database with bytewise collation', () => {
    const init = readFileSync(join(DEPLOY, 'postgres-init.sql'), 'utf8');
    for (const name of NAMES) expect(init).toMatch(new RegExp(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`));
  });
});

describe("the image's commands", () => {
  const compose = parseAllDocuments(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true })[0]!.toJS({
    maxAliasCount: -1,
  }) as { services: Record<string, any> };
  const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
  const commands: [string, string[]][] = [
    ['Dockerfile CMD', JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]!) as string[]],
    ...of('Deployment').map((d): [string, string[]] => [d.metadata.name, d.spec.template.spec.containers[0].command]),
    ...Object.entries(compose.services)
      .filter(([, service]) => String(service.image).startsWith('liangling:'))
      .map(([name, service]): [string, string[]] => [`compose ${name}`, service.command]),
  ];

  // The image holds the build (npm run build: /app mirrors the repository, sources compiled to .js)
  // and production dependencies only: no TypeScript loader to run a .ts entry point with.
  it.each(commands)('%s runs a built entry point with plain node', (_name, command) => {
    expect(command[0]).toBe('node');
    expect(command[1]).toMatch(/^(stack|gateway)\/src\/bin\/[a-z-]+\.js$/);
    expect(existsSync(join(ROOT, command[1]!.replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('builds in one stage and runs the production install of the build in the other', () => {
    expect(dockerfile).toMatch(/RUN npm ci[^\n]*&& npm run -s build\n/);
    expect(dockerfile).toMatch(/RUN cd build && npm ci --omit=dev --omit=optional/);
    expect(dockerfile).toMatch(/COPY --from=build \/src\/build \/app\n/);
  });
});

/** The image's paths (/app is the repository) as paths of this checkout, and the placeholder secrets replaced as an operator must. */
function inRepository(env: Record<string, string>): Record<string, string> {
  const paths = Object.entries(env).map(([name, value]) => [name, value.replace(/^\/app\//, `${ROOT}/`)]);
  return Object.fromEntries(
    paths.map(([name, value]) => [name, SECRET_VARIABLES.includes(name!) ? randomBytes(36).toString('base64url') : value]),
  );
}

const SECRET_VARIABLES = ['JWT_SECRET', 'CALLER_CONTEXT_SECRET'];

describe('the placeholder secrets of the deploy files', () => {
  const published = [
    ...Object.values(named('Secret', 'liangling-keys')!.stringData!).filter((value) => !value.startsWith('redis:')),
    ...[...readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8').matchAll(/_SECRET: (\S+)/g)].map((match) => match[1]!),
  ];

  it.each(published)('%s is refused by a production gateway and a production stack, in one line naming the variable', (value) => {
    const env = inRepository(environmentOf(containerOf('gateway')));
    const gateway = loadGatewayConfig(undefined, { ...env, JWT_SECRET: value });
    expect(gateway.ok ? [] : gateway.errors).toEqual([expect.stringMatching(/^JWT_SECRET: .*; set JWT_SECRET to a random secret/)]);
    const stack = loadConfig({ NODE_ENV: 'production', CALLER_CONTEXT_SECRET: value });
    expect(stack.ok ? [] : stack.errors).toEqual([expect.stringMatching(/^CALLER_CONTEXT_SECRET: .*placeholder/)]);
  });
});

function subgraphUrls(text: string): Record<string, string> {
  return Object.fromEntries(text.split(',').map((pair) => pair.split('=') as [string, string]));
}
