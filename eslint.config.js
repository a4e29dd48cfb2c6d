// Lint enforces the layering (ARCHITECTURE.md §2, STYLE.md "Layering, enforced by lint"):
// core ← main/preload/renderer/server/cli, and each wrapped library is imported in one place only.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib']

const noNode = [{ group: ['node:*'], message: 'This layer runs without Node: no node: built-ins.' }]
const noNodePaths = NODE_BUILTINS.map((name) => ({ name, message: 'This layer runs without Node built-ins.' }))

/** Libraries wrapped by one module of ours (Excalidraw's jotai rule). */
const wrapped = [
  { group: ['dexie', 'y-dexie', 'dexie-react-hooks'], message: 'Use the store in src/renderer/store.' },
  { group: ['sm-crypto-v2', 'sm-crypto-v2/*'], message: 'Use src/core/crypto.' },
]

/** What src/core may not import, wherever in core the file is. */
const coreLayering = [
  ...noNode,
  { group: ['electron', 'react', 'react-dom', 'react/*', 'antd', 'antd/*', 'ws', 'y-websocket', '@tiptap/*'], message: 'src/core imports no DOM, UI, Node or Electron library.' },
  { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/server/**', '**/cli/**'], message: 'src/core depends on nothing above it.' },
]

/** What the server and CLI may not import. */
const serverLayering = [...wrapped, { group: ['electron'], message: 'Only src/main imports electron.' }, { group: ['**/renderer/**', '**/main/**'], message: 'Server and CLI depend only on src/core.' }]

/** server/<capability>/: each capability's effects and hooks (docs/map.md) */
const CAPABILITY_HOMES = ['docflow', 'seal', 'meeting', 'archive', 'directory', 'bulletin']

export default tseslint.config(
  { ignores: ['out/**', 'out-node/**', 'dist/**', 'node_modules/**', 'data/**', 'bench/results/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: wrapped }],
      // `z.object` on the namespace lets a bundler keep only the zod used; zod's `z` export is every
      // schema, check and locale (the CLI's bundle inlines zod, scripts/bundle.mjs)
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier, ImportDefaultSpecifier)",
        message: "Import zod as a namespace: import * as z from 'zod'.",
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [...coreLayering, ...wrapped] }] },
  },
  {
    // the one place sm-crypto-v2 may be imported; a later block replaces the rule, so it repeats
    // the layering rather than losing it
    files: ['src/core/crypto/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [...coreLayering, ...wrapped.filter((w) => !w.group[0].startsWith('sm-crypto'))] }] },
  },
  {
    // the signature worker runs without a TypeScript loader, so it cannot import src/core/crypto: it
    // makes sm2Verify's one call itself (a test holds its verdicts to sm2Verify's)
    files: ['server/commands/verifyWorker.mjs'],
    rules: { 'no-restricted-imports': ['error', { patterns: wrapped.filter((w) => !w.group[0].startsWith('sm-crypto')) }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        paths: noNodePaths,
        patterns: [
          ...noNode,
          ...wrapped.filter((w) => w.group[0] !== 'dexie'),
          { group: ['electron'], message: 'The renderer never touches Electron: use window.zt.' },
          { group: ['**/main/**', '**/server/**', '**/cli/**'], message: 'The renderer depends only on src/core.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['src/renderer/store/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [...noNode, { group: ['electron'], message: 'The renderer never touches Electron.' }] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/server/**', '**/main/**'], message: 'The preload depends only on src/core.' }] }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...wrapped, { group: ['**/renderer/**'], message: 'Only the renderer uses renderer code.' }] }],
    },
  },
  {
    files: ['server/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: serverLayering }] },
  },
  {
    // a capability's home sees the rule contract and core, never another home, the registry or the shells
    files: CAPABILITY_HOMES.map((home) => `server/${home}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...serverLayering, { regex: '^\\.\\./(?!commands/ruleContract$)[^./]', message: 'A capability home (server/<capability>/) imports only the rule contract and src/core.' }],
      }],
    },
  },
  {
    // the 用印 rendition serves the seal and docflow HTTP routes; it reads what they share from core
    files: ['server/rendition/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...serverLayering, { regex: `^\\.\\./(${CAPABILITY_HOMES.join('|')})/`, message: 'The rendition imports no capability home: what they share lives in src/core.' }],
      }],
    },
  },
)
