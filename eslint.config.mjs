// The layers of ../shared/design.md, held by the project itself (`npm run lint`, run by .ci/run):
// app/ → components/ and lib/ → db/; components take data and actions as props; pure rules have no database, no clock
// and no display formatting. TypeScript 7 (the native compiler) has no JavaScript API for typescript-eslint's parser,
// so files are parsed by Babel's TypeScript preset: the rules here need the syntax only, not the types.
import path from 'node:path'
import babelParser from '@babel/eslint-parser'

const root = import.meta.dirname

// The module an import names, as `@/…` from the project root (relative imports resolved), or the package name.
function moduleOf(source, filename) {
  if (source.startsWith('.'))
    return `@/${path
      .relative(root, path.resolve(path.dirname(filename), source))
      .split(path.sep)
      .join('/')}`
  return source
}

// `layers`: imports a layer may not make. Type-only imports stay allowed where `allowTypes` says so: a component may
// name a row's type from db/schema without reaching the database.
const layers = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: {
          forbidden: {
            type: 'array',
            items: {
              type: 'object',
              properties: { pattern: { type: 'string' }, message: { type: 'string' }, allowTypes: { type: 'boolean' } },
              required: ['pattern', 'message'],
            },
          },
        },
      },
    ],
  },
  create(context) {
    const forbidden = (context.options[0]?.forbidden ?? []).map((rule) => ({ ...rule, regex: new RegExp(rule.pattern) }))
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return
      const target = moduleOf(source, context.filename)
      const rule = forbidden.find((candidate) => candidate.regex.test(target) && !(typeOnly && candidate.allowTypes))
      if (rule) context.report({ node, message: `${target}: ${rule.message}` })
    }
    const typeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((specifier) => specifier.importKind === 'type'))
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    }
  },
}

const pureRules = [
  'lib/calendar/**',
  'lib/iin/**',
  'lib/partitions/**',
  'lib/services/*/rules/**',
  'lib/icd10/code.ts',
  'lib/icd10/parse.ts',
]

// The parts every service runs through know no service by name: they look services and document kinds up in the
// catalogue (`@/lib/services`, lib/services/index.ts) and read the contract from lib/requests/contract.ts, never a
// module under lib/services/.
const genericParts = ['lib/requests/**', 'lib/documents/**', 'lib/pdf/**', 'lib/jobs/**', 'lib/auth/**']
const serviceFolder = {
  pattern: '^@/lib/services/.',
  message: "the generic parts look services up in the catalogue (@/lib/services), not in a service's folder",
}
const libForbidden = [
  { pattern: '^@/(app|components)(/|$)', message: 'lib/ sits under app/ and components/' },
  { pattern: '^@/scripts(/|$)', message: 'lib/ does not run scripts' },
]
// `request.service === 'attachment'`, `eq(documents.kind, 'coupon_064e')`: a branch on one service or document kind
// belongs in that service's folder; elsewhere the contract says what differs.
const serviceOrKind = (side) =>
  `:matches([${side}.property.name='service'], [${side}.property.name='kind'][${side}.object.name=/^(snapshot|document|documents|definition)$/])`
const branchMessage = 'no branch on a service or document kind by name outside its folder: the contract says what differs'
const serviceBranches = [
  { selector: `BinaryExpression[operator=/^[!=]==?$/]${serviceOrKind('left')}[right.type='Literal']`, message: branchMessage },
  { selector: `BinaryExpression[operator=/^[!=]==?$/]${serviceOrKind('right')}[left.type='Literal']`, message: branchMessage },
  {
    selector: `CallExpression[callee.name=/^(eq|ne)$/]${serviceOrKind('arguments.0')}[arguments.1.type='Literal']`,
    message: branchMessage,
  },
  { selector: `SwitchStatement${serviceOrKind('discriminant')} > SwitchCase[test.type='Literal']`, message: branchMessage },
]

export default [
  { ignores: ['.next/**', '.data/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'e2e/screenshots/**'] },
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: {
          babelrc: false,
          configFile: false,
          presets: [['@babel/preset-typescript', { isTSX: true, allExtensions: true }], '@babel/preset-react'],
        },
      },
    },
    plugins: { tirkeu: { rules: { layers } } },
  },
  {
    files: ['components/**'],
    rules: {
      'tirkeu/layers': [
        'error',
        {
          forbidden: [
            { pattern: '^@/db(/|$)', allowTypes: true, message: 'components take data as props; the page reads it' },
            { pattern: '^@/app(/|$)', message: 'components take actions as props; the route passes them' },
            serviceFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**'],
    rules: { 'tirkeu/layers': ['error', { forbidden: libForbidden }] },
  },
  {
    files: genericParts,
    rules: { 'tirkeu/layers': ['error', { forbidden: [...libForbidden, serviceFolder] }] },
  },
  {
    files: ['app/**', 'components/**', 'lib/**'],
    ignores: ['lib/services/*/**'],
    rules: { 'no-restricted-syntax': ['error', ...serviceBranches] },
  },
  {
    files: ['db/**'],
    rules: {
      'tirkeu/layers': [
        'error',
        {
          forbidden: [
            {
              pattern: '^@/(lib|app|components|scripts)(/|$)',
              message: 'db/ is the bottom layer: it imports nothing of the app',
            },
          ],
        },
      ],
    },
  },
  {
    files: pureRules,
    rules: {
      'tirkeu/layers': [
        'error',
        {
          forbidden: [
            { pattern: '^@/db/(client|plain-node|embedded|migrate)', message: 'a pure rule does no I/O' },
            { pattern: '^@/lib/i18n(/|$)', message: 'a pure rule formats nothing for display' },
            { pattern: '^(drizzle-orm|postgres)(/|$)', message: 'a pure rule does no I/O' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'a pure rule takes the time as an argument',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'a pure rule takes the time as an argument',
        },
      ],
    },
  },
]
