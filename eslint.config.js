// Lint that holds the layers (docs/architecture.md): each rule names the boundary it keeps.
// Run by `npm run lint` and by `npm test`; it must report nothing.
import tseslint from 'typescript-eslint';

const SOURCES = ['**/*.{ts,tsx,mts,js,mjs}'];

/** Modules that hold keys, open the database, read the file system or start processes. A client
 * component ('use client') must never import their values, directly or by alias (types and the
 * shared zod request/response schemas, `*-schemas.ts`, are fine). */
const SERVER_ONLY = [
  'lib/db/',
  'lib/startup/',
  'lib/web-server/',
  'lib/health/',
  'lib/demo/',
  'lib/storage/',
  'lib/batches/',
  'lib/chain/',
  'lib/audit/',
  'lib/auth/create-auth',
  'lib/auth/get-auth',
  'lib/auth/current-viewer',
  'lib/auth/get-session-viewer',
  'lib/auth/authenticate-api-key',
  'lib/certificates/',
  'lib/cases/',
  'lib/evidence/',
  'lib/borrowers/',
  'lib/config',
  'lib/testing/',
];

/** 'use client' files import no server-only module (the list above). */
const clientComponentsStayClient = {
  meta: { type: 'problem', schema: [], messages: { serverOnly: "A client component must not import the server-only module '{{source}}'." } },
  create(context) {
    const program = context.sourceCode.ast;
    const isClient = program.body.some(
      (node) => node.type === 'ExpressionStatement' && node.directive === 'use client',
    );
    if (!isClient) return {};
    const filename = context.filename;
    const root = context.cwd;
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string') return;
      // Types are erased before the browser sees them; request and response schemas are shared.
      if (node.importKind === 'type' || node.exportKind === 'type') return;
      if (/-schemas$/.test(source)) return;
      let resolved;
      if (source.startsWith('@/')) resolved = source.slice(2);
      else if (source.startsWith('.')) {
        const dir = filename.slice(0, filename.lastIndexOf('/'));
        const parts = `${dir}/${source}`.split('/');
        const out = [];
        for (const part of parts) {
          if (part === '..') out.pop();
          else if (part !== '.' && part !== '') out.push(part);
        }
        resolved = `/${out.join('/')}`.slice(root.length + 1);
      } else return;
      if (SERVER_ONLY.some((prefix) => resolved === prefix || resolved.startsWith(prefix))) {
        context.report({ node, messageId: 'serverOnly', data: { source } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

/** SQL goes through lib/db (docs/architecture.md, "Data access"): outside it, no pg import and no raw
 * Prisma query (`$queryRaw`, `$executeRaw`, their Unsafe forms, `Prisma.sql` and its helpers); a query
 * is built with Kysely (`db`, `sql` of lib/db/sql.ts) and run with runQuery or runStatement. */
const RAW_PRISMA_METHODS = new Set(['$queryRaw', '$queryRawUnsafe', '$executeRaw', '$executeRawUnsafe', '$queryRawTyped']);
const PRISMA_SQL_HELPERS = new Set(['sql', 'raw', 'join', 'empty']);
const sqlThroughLibDb = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      pg: "pg is used only inside lib/db: build the query with Kysely (lib/db/sql.ts) and run it with runQuery or runStatement.",
      raw: "'{{name}}' is used only inside lib/db: build the query with Kysely (lib/db/sql.ts) and run it with runQuery or runStatement.",
    },
  },
  create(context) {
    const checkSource = (node) => {
      const source = node.source && node.source.value;
      if (typeof source === 'string' && /^pg(-pool)?(\/|$)/.test(source)) context.report({ node, messageId: 'pg' });
    };
    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: checkSource,
      MemberExpression(node) {
        if (node.computed || node.property.type !== 'Identifier') return;
        const name = node.property.name;
        if (RAW_PRISMA_METHODS.has(name)) context.report({ node, messageId: 'raw', data: { name } });
        else if (node.object.type === 'Identifier' && node.object.name === 'Prisma' && PRISMA_SQL_HELPERS.has(name)) {
          context.report({ node, messageId: 'raw', data: { name: `Prisma.${name}` } });
        }
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: ['node_modules/', '.next/', '.next-*/', '.data/', 'lib/db/generated/', 'test-results*/', 'playwright-report/', 'next-env.d.ts'],
  },
  {
    files: SOURCES,
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { evident: { rules: { 'client-components-stay-client': clientComponentsStayClient, 'sql-through-lib-db': sqlThroughLibDb } } },
    rules: { 'evident/client-components-stay-client': 'error' },
  },
  {
    // Tests, their helpers and the e2e seeding may reach the database directly: they tamper with
    // rows, kill connections and disable triggers on purpose.
    files: SOURCES,
    ignores: ['lib/db/**', '**/*.test.ts', 'lib/testing/**', 'e2e/**'],
    rules: { 'evident/sql-through-lib-db': 'error' },
  },
  {
    // lib/ is the domain and infrastructure; app/ is the web layer on top of it, never the reverse.
    files: ['lib/**/*'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/app/*', '**/app/*', '../app', '../../app'], message: 'lib never imports app.' }] },
      ],
    },
  },
  {
    // The proof core runs in browsers and offline: it imports only itself and its allowed packages
    // (the same list lib/offline-verifier/bundle-proof-core.ts enforces when it bundles). Its one way
    // out is the reconciliation certificate's verifier, itself held to the proof core's rules when
    // bundled (and by lib/reconciliation/browser-safe-verifier.test.ts).
    files: ['lib/proof/**/*'],
    ignores: ['lib/proof/**/*.test.ts', 'lib/proof/__fixtures__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./(?!reconciliation/verify-reconciliation-certificate$)|@/)',
              message: 'The proof core imports nothing outside lib/proof (but the reconciliation certificate verifier).',
            },
            { group: ['node:*'], message: 'The proof core must not use Node built-ins: it runs in the browser.' },
            {
              regex: '^(?!\\.|node:|ethers($|/)|zod($|/)|@noble/hashes($|/)|pdf-lib($|/)|canonicalize($|/)|pkijs($|/)|asn1js($|/))',
              message: 'Not a proof-core package (see PROOF_CORE_PACKAGES in lib/offline-verifier/bundle-proof-core.ts).',
            },
          ],
        },
      ],
    },
  },
  ...['lender', 'arbitration', 'borrower', 'audit'].map((portal) => ({
    // One portal never reaches into another's components; shared components live in app/_components.
    files: [`app/${portal}/**/*`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)(${['lender', 'arbitration', 'borrower', 'audit'].filter((p) => p !== portal).join('|')})/_components(/|$)`,
              message: 'Shared components belong in app/_components.',
            },
          ],
        },
      ],
    },
  })),
  {
    // Last, so that it wins over the portal rule for a portal's route files (flat config: the last
    // setting of a rule applies). Every route handler is an apiRoute (lib/http/api-route.ts): it names how the caller proves who
    // it is, and gets the viewer, database and configuration from it, with errors mapped in one place.
    files: ['app/**/route.ts'],
    ignores: ['app/api/auth/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/http/problem-response', importNames: ['handleErrors'], message: 'Use apiRoute from @/lib/http/api-route.' },
            { name: '@/lib/db/client', importNames: ['getPrisma'], message: 'apiRoute gives the handler prisma.' },
            { name: '@/lib/config', importNames: ['getConfig'], message: 'apiRoute gives the handler config.' },
          ],
        },
      ],
    },
  },
);
