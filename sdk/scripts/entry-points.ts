/** The SDK's entry points: `@liangling/sdk` (the shared core) and one per audience. */
export const ENTRY_POINTS = ['', 'public', 'partner', 'government'] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];
