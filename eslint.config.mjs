import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import regexp from 'eslint-plugin-regexp';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  // Every regular expression must run in linear time: a pattern that backtracks
  // super-linearly lets one request hold the event loop for seconds (tests/security/hostile-input).
  {
    files: ['app/**', 'lib/**', 'db/**', 'components/**', 'scripts/**', 'proxy.ts', 'server.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential' }],
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  // The layers point one way: app → db (its public functions) → lib, and components never reach
  // the data layer (docs/architecture.md, "Layers and data flow").
  {
    files: ['lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:@/|(?:\\.\\./)+)db/',
              allowTypeImports: true,
              message: 'lib/ is pure domain code: it never imports db/ at run time.',
            },
            {
              regex: '^(?:@/|(?:\\.\\./)+)(?:app|components)/',
              message: 'lib/ never imports app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:@/|(?:\\.\\./)+)(?:db|app)/',
              message: 'Components take plain data as props: they never import db/ or app/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:@/|(?:\\.\\./)+)(?:app|components)/',
              message: 'db/ never imports app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**', 'proxy.ts', 'instrumentation.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:@/|(?:\\.\\./)+|\\./)db/(?:client|schema|users/operator)$',
              allowTypeImports: true,
              message:
                'Pages, actions and routes call db/ functions; the connection, the tables and the operator tools stay inside db/ and scripts/.',
            },
          ],
        },
      ],
    },
  },
  // Every data function is async on both engines (docs/architecture.md, Transactions): a query
  // or transaction that is not awaited runs out of order, or after its transaction committed.
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      // Destructuring to leave keys out of the rest object is how a copy without them is made.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // Builder calls that only the SQLite dialect has: on PostgreSQL they do not exist. Await the
  // builder instead (an array of rows; `const [row] = await …` for one).
  {
    files: ['db/**'],
    ignores: [
      'db/copy/**',
      'db/backup.ts',
      'db/fixtures/bulk.ts',
      'db/fixtures/generate.ts',
      'db/engine/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(get|all|run)$/][object.type='CallExpression']",
          message:
            'SQLite-only query call: await the query builder instead (it works on both engines).',
        },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    'data/**',
    'test-results/**',
    'playwright-report/**',
  ]),
]);
