/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // type-graphql reads the types of fields and arguments from decorator metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/schema',
    '<rootDir>/subgraphs',
    '<rootDir>/gateway',
    '<rootDir>/sdk',
    '<rootDir>/stack',
    '<rootDir>/warning',
    '<rootDir>/runtime',
    '<rootDir>/examples',
    '<rootDir>/bench',
  ],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': swc },
  // Servers start and stop per file; a file that leaves a handle open fails rather than hangs.
  testTimeout: 60_000,
  maxWorkers: 2,
};
