import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { startGateway, type RunningGateway } from '../src/gateway';
import { SECRETS, post, startStubGraph, type StubGraph } from './support/stub-subgraphs';

// Every connection this process opens, by destination host, recorded at the socket.
const destinations: string[] = [];
const connect = net.Socket.prototype.connect;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** The host of a `Socket.connect` call: Node passes its normalised `[options, callback]` array, or (port, host) or options. */
function hostOf(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') return 'localhost';
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

let graph: StubGraph;
let gateway: RunningGateway;

beforeAll(async () => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    destinations.push(hostOf(args));
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
  graph = await startStubGraph();
  gateway = await startGateway({ supergraphSdl: graph.supergraphSdl, auth: { secret: SECRETS.jwt }, callerKey: SECRETS.caller, port: 0 });
});

afterAll(async () => {
  net.Socket.prototype.connect = connect;
  await gateway?.stop();
  await graph?.stop();
});

describe('the gateway phones nobody', () => {
  it('opens connections only to the subgraphs it was given, not to Apollo or a cloud metadata address', async () => {
    const response = await post(gateway.url, { query: '{ people(first: 1) { id } }' });
    expect(response.status).toBe(200);
    // @apollo/gateway's telemetry probes the cloud metadata addresses as soon as it is constructed.
    await delay(500);
    expect(destinations.length).toBeGreaterThan(0);
    expect(destinations.filter((host) => !LOOPBACK.test(host))).toEqual([]);
  });
});
