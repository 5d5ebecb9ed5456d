import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { NOISE_SCALE, protectCount, ROUNDING_BASE, SMALL_CELL, type ProtectedCount } from '../src/privacy/small-cells';

// The active caller of docs/statistics.md: a resident who files and withdraws requests in their own
// grid and asks for the grid's figures after every change, to pin a cell that started suppressed.
// Seeded and deterministic: the same trials every run.

const TRIALS = 2000;
const CHANGES = 150;
const CELL = 'region|r-210103-1-1-1|status:SUBMITTED';

/** mulberry32: a small seeded generator, so the trials are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The attacker's own records in the cell after each change: up to 30 added one by one, withdrawn, again. */
function schedule(random: () => number): number[] {
  const added: number[] = [];
  let mine = 0;
  for (let change = 0; change < CHANGES; change += 1) {
    mine = mine === 0 ? 1 : mine >= 30 ? mine - 1 : mine + (random() < 0.7 ? 1 : -1);
    added.push(mine);
  }
  return added;
}

/** Where the noisy value count + mine + N must lie for the cell to show `shown`: [low, high). */
function interval(shown: ProtectedCount): [number, number] {
  if (shown.value === null) return [Number.NEGATIVE_INFINITY, SMALL_CELL];
  return [Math.max(SMALL_CELL, shown.value - ROUNDING_BASE / 2), shown.value + ROUNDING_BASE / 2];
}

const laplaceCdf = (x: number) => (x < 0 ? Math.exp(x / NOISE_SCALE) / 2 : 1 - Math.exp(-x / NOISE_SCALE) / 2);

/**
 * The Bayes-optimal attacker, who knows the method but not the secret: each answer bounds
 * count + N to an interval; given every answer, the likelihood of a true count t is P(t + N ∈ ∩ intervals).
 * Returns the posterior over 1–4 (uniform prior), or null when no single draw explains the answers.
 */
function posterior(answers: readonly ProtectedCount[], added: readonly number[]): number[] | null {
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  answers.forEach((answer, i) => {
    const [a, b] = interval(answer);
    low = Math.max(low, a - added[i]!);
    high = Math.min(high, b - added[i]!);
  });
  if (!(low < high)) return null;
  const likelihood = [1, 2, 3, 4].map((t) => laplaceCdf(high - t) - laplaceCdf(low - t));
  const total = likelihood.reduce((sum, value) => sum + value, 0);
  return likelihood.map((value) => value / total);
}

/**
 * The bound: the success of the best guess from count + N itself, known exactly (more than any
 * answers tell), with a uniform prior over 1–4: (1/4) ∫ max_t p(s − t) ds, integrated numerically.
 */
function oneObservationBound(): number {
  const density = (x: number) => Math.exp(-Math.abs(x) / NOISE_SCALE) / (2 * NOISE_SCALE);
  let sum = 0;
  const step = 0.001;
  for (let s = -60; s < 65; s += step) sum += Math.max(...[1, 2, 3, 4].map((t) => density(s - t))) * step;
  return sum / 4;
}

/** The method this replaced, for contrast: 1–4 withheld exactly, noise keyed by the count. */
function keyedByCount(count: number, secret: string): ProtectedCount {
  if (count < SMALL_CELL) return { value: null, suppressed: true };
  const digest = createHmac('sha256', secret).update(`${CELL}|${count}`).digest();
  const u = Math.min(Math.max(digest.readUIntBE(0, 6) / 2 ** 48, 1e-12), 1 - 1e-12) - 0.5;
  const noise = -NOISE_SCALE * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  return { value: Math.max(SMALL_CELL, Math.round((count + noise) / ROUNDING_BASE) * ROUNDING_BASE), suppressed: false };
}

describe('protected counts against a caller who adds and removes records', () => {
  const random = seeded(20261201);
  const trials = Array.from({ length: TRIALS }, (_, i) => ({
    truth: 1 + Math.floor(random() * 4),
    secret: `secret-${i}-${Math.floor(random() * 1e9)}`,
    added: schedule(random),
  }));
  // Only cells that start suppressed are the attacker's target.
  const targets = trials.filter((trial) => protectCount(trial.truth, CELL, { exact: false, secret: trial.secret }).suppressed);

  it('gives answers that one fixed draw explains, whatever the caller adds: nothing to average', () => {
    expect(targets.length).toBeGreaterThan(TRIALS * 0.75);
    for (const trial of targets) {
      const answers = trial.added.map((mine) => protectCount(trial.truth + mine, CELL, { exact: false, secret: trial.secret }));
      expect(posterior(answers, trial.added)).not.toBeNull();
    }
  });

  it('lets the best attacker guess a suppressed count no better than from one noisy observation (bound ≈ 0.42; prior 0.25)', () => {
    const bound = oneObservationBound();
    expect(bound).toBeGreaterThan(0.4);
    expect(bound).toBeLessThan(0.43);
    let hits = 0;
    let absoluteError = 0;
    for (const trial of targets) {
      const answers = trial.added.map((mine) => protectCount(trial.truth + mine, CELL, { exact: false, secret: trial.secret }));
      const belief = posterior(answers, trial.added)!;
      // No answer moves the odds of two counts a apart by more than e^(a / NOISE_SCALE): ε = 0.5 per person.
      for (let a = 0; a < 4; a += 1)
        for (let b = 0; b < 4; b += 1)
          expect(belief[a]! / belief[b]!).toBeLessThanOrEqual(Math.exp(Math.abs(a - b) / NOISE_SCALE) * (1 + 1e-9));
      const guess = 1 + belief.indexOf(Math.max(...belief));
      if (guess === trial.truth) hits += 1;
      absoluteError += Math.abs(guess - trial.truth);
    }
    const success = hits / targets.length;
    // Three standard errors of slack for the finite number of trials.
    expect(success).toBeLessThanOrEqual(bound + 3 * Math.sqrt((bound * (1 - bound)) / targets.length));
    // On average the guess is off by more than half a person (the prior's median guess: 1.0).
    expect(absoluteError / targets.length).toBeGreaterThan(0.6);
  });

  it('is what the threshold attack beats, and fresh draws would feed averaging, under noise keyed by the count (the test can fail)', () => {
    let pinnedByThreshold = 0;
    let unexplained = 0;
    for (const trial of targets) {
      const answers = trial.added.map((mine) => keyedByCount(trial.truth + mine, trial.secret));
      // Threshold: the cell first shows when the attacker's own records bring it to 5.
      const first = answers.findIndex((answer) => !answer.suppressed);
      if (SMALL_CELL - trial.added[first]! === trial.truth) pinnedByThreshold += 1;
      // Fresh draws per count: no single draw explains the answers, which is what averaging feeds on.
      if (posterior(answers, trial.added) === null) unexplained += 1;
    }
    expect(pinnedByThreshold).toBe(targets.length);
    expect(unexplained / targets.length).toBeGreaterThan(0.9);
  });
});
