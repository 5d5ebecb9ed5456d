/**
 * Values published in this repository's deploy files (deploy/compose.yaml, deploy/kubernetes/secrets.yaml):
 * anyone can read them, so a production key equal to one signs tokens for anyone.
 * stack/test/deploy.test.ts checks that every secret in those files is refused.
 */
const PUBLISHED_PLACEHOLDERS = new Set([
  'compose-caller-context-secret-change-me-0123456789',
  'compose-jwt-secret-change-me-0123456789abcdef',
  'REPLACE-with-the-identity-provider-HS256-secret-32+',
  'REPLACE-with-a-random-key-of-32-characters-or-more',
]);

/** Words that mark a value as a placeholder someone forgot to replace. */
const PLACEHOLDER_WORDS = /change-?me|replace|placeholder|example|dummy|insecure|do-?not-?use/i;

/** Least estimated randomness of a key, in bits (Shannon entropy of its characters × its length). */
const MIN_ENTROPY_BITS = 96;

/**
 * Why a secret may not be used in production, or undefined when it may: a value published in the
 * repository, a placeholder, or one too short or too regular to be random. One line, saying what to set.
 */
export function unsafeSecretReason(variable: string, value: string): string | undefined {
  const fix = `set ${variable} to a random secret of 32 or more characters (e.g. \`openssl rand -base64 48\`)`;
  if (PUBLISHED_PLACEHOLDERS.has(value) || PLACEHOLDER_WORDS.test(value))
    return `${variable}: the value is a placeholder published in the repository; ${fix}`;
  if (value.length < 32) return `${variable}: the value is shorter than 32 characters; ${fix}`;
  if (entropyBits(value) < MIN_ENTROPY_BITS) return `${variable}: the value is too regular to be random; ${fix}`;
  return undefined;
}

function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * value.length;
}
