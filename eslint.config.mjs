// One lint for the whole repository: real-defect rules per room, and the walls between rooms.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

// The four rooms talk by protocol, never by module: each names what it may not import.
const room = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: patterns.map(([group, message, allowTypeImports = false]) => ({
        group,
        message,
        allowTypeImports,
      })),
    },
  ],
})
const LIVE_SERVER = ['**/action-server', '**/action-server/**']
const PREVIEW = ['**/preview-runtime', '**/preview-runtime/**']
const SITE = ['**/components/**', '**/pages/**']
// The shared contract (HTTP bodies, session, sandbox messages, host bridge): types only, every room.
const CONTRACT = ['**/contract', '**/contract/**']
const CONTRACT_TYPES = [
  CONTRACT,
  'The contract holds types only: import them with `import type`.',
  true,
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.cache/',
      '.next/',
      'out/',
      'public/runtime/',
      'next-env.d.ts',
      'bench/reports/',
      'test-results/',
      'conformance/node_modules/',
      'conformance/.next/',
      'conformance/.examples/',
      'conformance/.examples-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // Functions the browser tests and benches hand to page.evaluate run in the page.
  {
    files: ['tests/browser/**', 'tests/support/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // React code: the site's components and pages, and the preview runtime.
  {
    files: ['components/**/*.{ts,tsx}', 'pages/**/*.{ts,tsx}', 'theme.config.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Scrollable regions must be reachable by keyboard (axe: scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
    },
  },
  {
    files: ['preview-runtime/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // The live server: type-aware, since a promise nobody awaits there is a lost error or a leak.
  {
    files: ['action-server/**/*.{mjs,js,ts,mts}'],
    languageOptions: {
      parserOptions: {
        // action-server/tsconfig.json lists index.mjs by name (its index.d.mts would shadow it).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  // Code bundled into the isolate has no Node globals: only the language and what the shims install.
  {
    files: ['action-server/runtime/**/*.js'],
    languageOptions: { globals: { ...globals['shared-node-browser'], process: 'off' } },
  },
  // Walls between rooms.
  {
    files: ['pages/**'],
    ignores: ['pages/api/live/**'],
    rules: room([
      [LIVE_SERVER, 'Content never imports the live server: it reaches it over HTTP.'],
      [PREVIEW, 'Content never imports the preview runtime.'],
      CONTRACT_TYPES,
    ]),
  },
  {
    files: ['pages/api/live/**'],
    rules: room([
      [LIVE_SERVER, 'The adapter loads the live server at run time; import its types only.', true],
      CONTRACT_TYPES,
    ]),
  },
  {
    files: ['components/**'],
    rules: room([
      [LIVE_SERVER, 'The playground UI talks to the live server over HTTP, never by import.'],
      [PREVIEW, 'The playground UI talks to the preview runtime by messages, never by import.'],
      CONTRACT_TYPES,
    ]),
  },
  {
    files: ['preview-runtime/**'],
    rules: room([
      [LIVE_SERVER, 'The preview runtime shares only types with the live server.', true],
      [SITE, 'The preview runtime runs on its own origin and imports nothing of the site.'],
      CONTRACT_TYPES,
    ]),
  },
  {
    files: ['action-server/**'],
    rules: room([
      [PREVIEW, 'The live server shares only types with the preview runtime.', true],
      [SITE, 'The live server runs without the site: it imports nothing of it.'],
      CONTRACT_TYPES,
    ]),
  },
  // The contract is written once for both sides: it depends on no room.
  {
    files: ['contract/**'],
    rules: room([
      [LIVE_SERVER, 'The contract depends on no room.'],
      [PREVIEW, 'The contract depends on no room.'],
      [SITE, 'The contract depends on no room.'],
    ]),
  },
  prettier,
)
