// Lint: type-checked TypeScript rules, plus the architecture's boundaries (STYLE.md, conventions 6 and 10).
import tseslint from 'typescript-eslint';

/** Imports a layer may not make: everything points downward (entry → facade → protocol → backend → crypto → errors). */
const forbid = (...patterns) => ['error', { patterns: patterns.map((group) => ({ group: [group], message: 'crosses a layer boundary (see STYLE.md)' })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'scratch/**', 'examples/jest-adopter/**', 'examples/vitest-adopter/**', 'examples/server-jest/**', 'examples/coverage-app/**', 'test/typesResolution/**', '**/*.mjs', '**/*.js', '**/*.cjs', '**/*.d.mts'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['src/backend/**/*.ts'], rules: { 'no-restricted-imports': forbid('**/protocol/*', '**/plugin/*', '**/kmsFake', '**/calls', '**/jest/*', '**/vitest/*') } },
  {
    // Of the backend, only a state directory's journal (backend/persist) touches the disk.
    files: ['src/backend/**/*.ts'],
    ignores: ['src/backend/persist/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({ name, message: 'only src/backend/persist touches the disk' })),
          patterns: forbid('**/protocol/*', '**/plugin/*', '**/kmsFake', '**/calls', '**/jest/*', '**/vitest/*')[1].patterns,
        },
      ],
    },
  },
  { files: ['src/crypto/**/*.ts'], rules: { 'no-restricted-imports': forbid('**/backend/*', '**/protocol/*', '**/plugin/*', '**/kmsFake') } },
  { files: ['src/protocol/**/*.ts'], rules: { 'no-restricted-imports': forbid('**/crypto/*', '**/plugin/*', '**/kmsFake') } },
  { files: ['src/plugin/**/*.ts'], rules: { 'no-restricted-imports': forbid('**/backend/*', '**/crypto/*', '**/kmsFake') } },
  {
    // Key states are compared and written in keyStates.ts only (STYLE.md, "things to avoid" 1).
    files: ['src/**/*.ts'],
    ignores: ['src/backend/keyStates.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==$/] > Literal[value=/^(Enabled|Disabled|PendingDeletion|PendingReplicaDeletion|PendingImport|Unavailable|Creating|Updating)$/]",
          message: 'compare key states in src/backend/keyStates.ts',
        },
      ],
    },
  },
  {
    // expect.any() and friends are typed any by jest; tests and the bench print freely.
    files: ['test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
