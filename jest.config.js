/**
 * Three tiers (STYLE.md): unit `*.spec.ts` next to the code, integration `*.int-spec.ts` against the real
 * MariaDB and Redis, end-to-end `test/*.e2e-spec.ts` that boot the app and talk HTTP and socket.io to it.
 * TypeScript and Nest 12's ES modules are compiled by swc; type checking is `npm run typecheck`.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Pure-ESM packages (Nest 12 and friends) that Jest must compile to CommonJS.
const esmPackages = ['@nestjs', 'uid', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'load-esm', '@bull-board', 'nestjs-pino'];

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@wavedesk/(.*)$': '<rootDir>/libs/$1/src' },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  rootDir: __dirname,
};


module.exports = {
  // Real services on a loaded 2-core machine: more than Jest's default 5 s per test.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
