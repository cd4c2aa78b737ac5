// The lint rules in eslint.config.js hold the layers: each boundary is crossed once here and must be
// reported, and the allowed forms next to it must not be.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function findings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the layer rules', () => {
  it('keeps lib from importing app', async () => {
    expect(await findings('lib/cases/example.ts', "import { x } from '@/app/_components/status-badge';\n")).toEqual([
      expect.stringContaining('lib never imports app'),
    ]);
    expect(await findings('lib/cases/example.ts', "import { x } from '../audit/audit-filters';\n")).toEqual([]);
  });

  it('keeps the proof core to itself and its packages', async () => {
    expect(await findings('lib/proof/example.ts', "import { loadConfig } from '../config';\n")).toEqual([
      expect.stringContaining('imports nothing outside lib/proof'),
    ]);
    expect(await findings('lib/proof/example.ts', "import { readFileSync } from 'node:fs';\n")).toEqual([
      expect.stringContaining('Node built-ins'),
    ]);
    expect(await findings('lib/proof/example.ts', "import { zipSync } from 'fflate';\n")).toEqual([expect.stringContaining('Not a proof-core package')]);
    expect(await findings('lib/proof/example.ts', "import { getBytes } from 'ethers';\nimport { toHex } from './hex';\n")).toEqual([]);
    // Its one way out: the reconciliation certificate's verifier (verifyCertificate dispatches to it).
    expect(await findings('lib/proof/example.ts', "import { verifyReconciliationCertificate } from '../reconciliation/verify-reconciliation-certificate';\n")).toEqual([]);
    expect(await findings('lib/proof/example.ts', "import { commitSide } from '../reconciliation/commit-side';\n")).toEqual([
      expect.stringContaining('imports nothing outside lib/proof'),
    ]);
  });

  it('keeps pg and raw Prisma SQL inside lib/db', async () => {
    expect(await findings('lib/evidence/example.ts', "import pg from 'pg';\n")).toEqual([expect.stringContaining('pg is used only inside lib/db')]);
    expect(await findings('bench/example.ts', "import type { PoolClient } from 'pg';\n")).toEqual([expect.stringContaining('pg is used only inside lib/db')]);
    expect(await findings('app/api/v1/example/x.ts', 'export const f = (prisma) => prisma.$queryRawUnsafe(`SELECT 1`);\n')).toEqual([
      expect.stringContaining("'$queryRawUnsafe' is used only inside lib/db"),
    ]);
    expect(await findings('lib/cases/example.ts', "import { Prisma } from '../db/generated/client';\nexport const q = Prisma.sql`SELECT 1`;\n")).toEqual([
      expect.stringContaining("'Prisma.sql' is used only inside lib/db"),
    ]);
    expect(
      await findings('lib/cases/example.ts', "import { runQuery, sql } from '../db/sql';\nexport const f = (prisma) => runQuery(prisma, sql`SELECT 1`);\n"),
    ).toEqual([]);
    expect(await findings('lib/db/example.ts', "import pg from 'pg';\nexport const f = (prisma) => prisma.$queryRawUnsafe('SELECT 1');\n")).toEqual([]);
  });

  it('keeps one portal out of another portal’s components', async () => {
    expect(await findings('app/lender/cases/page.tsx', "import { X } from '../../arbitration/_components/x';\n")).toEqual([
      expect.stringContaining('app/_components'),
    ]);
    expect(await findings('app/lender/cases/page.tsx', "import { X } from '@/app/_components/cases-table';\n")).toEqual([]);
  });

  it('keeps server-only modules out of client components, types and shared schemas aside', async () => {
    expect(await findings('app/lender/x-form.tsx', "'use client';\nimport { prisma } from '@/lib/db/client';\n")).toEqual([
      expect.stringContaining("must not import the server-only module '@/lib/db/client'"),
    ]);
    expect(await findings('app/lender/upload/x-form.tsx', "'use client';\nimport { loadConfig } from '../../../lib/config';\n")).toEqual([
      expect.stringContaining('server-only module'),
    ]);
    expect(
      await findings(
        'app/lender/x-form.tsx',
        "'use client';\nimport type { Viewer } from '@/lib/auth/viewer';\nimport type { CaseStatus } from '@/lib/db/generated/enums';\nimport { EVIDENCE_TYPES } from '@/lib/evidence/evidence-schemas';\n",
      ),
    ).toEqual([]);
    // The same import is fine on the server.
    expect(await findings('app/lender/page.tsx', "import { prisma } from '@/lib/db/client';\n")).toEqual([]);
  });

  it('keeps every route handler an apiRoute', async () => {
    expect(await findings('app/api/v1/example/route.ts', "import { handleErrors } from '@/lib/http/problem-response';\n")).toEqual([
      expect.stringContaining('Use apiRoute'),
    ]);
    expect(await findings('app/api/v1/example/route.ts', "import { getPrisma } from '@/lib/db/client';\n")).toEqual([
      expect.stringContaining('apiRoute gives the handler prisma'),
    ]);
    // A portal's own route file too (the portal rule sets the same lint rule for its folder).
    expect(await findings('app/lender/example.csv/route.ts', "import { handleErrors } from '@/lib/http/problem-response';\n")).toEqual([
      expect.stringContaining('Use apiRoute'),
    ]);
    expect(await findings('app/api/v1/example/route.ts', "import { apiRoute } from '@/lib/http/api-route';\nimport { problem } from '@/lib/http/problem-response';\n")).toEqual([]);
    // The authentication library's own route is the one exception.
    expect(await findings('app/api/auth/[...all]/route.ts', "import { getPrisma } from '@/lib/db/client';\n")).toEqual([]);
  });
});
