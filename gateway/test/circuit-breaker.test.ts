import { describe, expect, it } from '@jest/globals';
import { CircuitBreaker } from '../src/circuit-breaker';

// What the breaker counts: the subgraph's failures, not its refusals of one caller's work.

function breaker(failureThreshold = 3) {
  let now = 0;
  const changes: string[] = [];
  const circuit = new CircuitBreaker({ failureThreshold, cooldownMs: 100, now: () => now, onStateChange: (state) => changes.push(state) });
  return { circuit, changes, advance: (ms: number) => void (now += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, lets one trial through after the cooldown, and closes on its success', () => {
    const { circuit, changes, advance } = breaker();
    for (let n = 0; n < 3; n += 1) circuit.onFailure();
    expect(circuit.state).toBe('open');
    expect(circuit.tryAcquire()).toBe(false);
    advance(100);
    expect(circuit.state).toBe('half-open');
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.tryAcquire()).toBe(false);
    circuit.onSuccess();
    expect(circuit.state).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
  });

  it('does not count the timeouts of one caller, however many', () => {
    const { circuit } = breaker();
    for (let n = 0; n < 10; n += 1) expect(circuit.onTimeout(circuit.mark(), 'department_officer:o-3')).toBe('refusal');
    expect(circuit.state).toBe('closed');
  });

  it('does not count a timeout during which the subgraph answered another call', () => {
    const { circuit } = breaker();
    for (let n = 0; n < 10; n += 1) {
      const mark = circuit.mark();
      circuit.onSuccess(); // another caller's light query, answered meanwhile
      expect(circuit.onTimeout(mark, n % 2 === 0 ? 'a' : 'b')).toBe('refusal');
    }
    expect(circuit.state).toBe('closed');
  });

  it('counts timeouts once the subgraph fails a second caller too: then it opens', () => {
    const { circuit, changes } = breaker();
    expect(circuit.onTimeout(circuit.mark(), 'a')).toBe('refusal');
    expect(circuit.onTimeout(circuit.mark(), 'b')).toBe('failure');
    expect(circuit.onTimeout(circuit.mark(), 'a')).toBe('failure');
    expect(circuit.onTimeout(circuit.mark(), 'a')).toBe('failure');
    expect(circuit.state).toBe('open');
    expect(changes).toEqual(['open']);
  });

  it('tells anonymous callers (no identity) apart from each other by default: their timeouts count from the second', () => {
    const { circuit } = breaker(2);
    expect(circuit.onTimeout(circuit.mark(), undefined)).toBe('refusal');
    expect(circuit.onTimeout(circuit.mark(), undefined)).toBe('failure');
    expect(circuit.onTimeout(circuit.mark(), undefined)).toBe('failure');
    expect(circuit.state).toBe('open');
  });

  it('an answer forgets whose timeouts came before it', () => {
    const { circuit } = breaker(2);
    expect(circuit.onTimeout(circuit.mark(), 'a')).toBe('refusal');
    circuit.onSuccess();
    expect(circuit.onTimeout(circuit.mark(), 'b')).toBe('refusal');
    expect(circuit.state).toBe('closed');
  });

  it('a half-open trial that times out opens the circuit again, whoever sent it', () => {
    const { circuit, advance } = breaker(1);
    circuit.onFailure();
    advance(100);
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.onTimeout(circuit.mark(), 'a')).toBe('failure');
    expect(circuit.state).toBe('open');
    advance(100);
    expect(circuit.tryAcquire()).toBe(true);
  });
});
