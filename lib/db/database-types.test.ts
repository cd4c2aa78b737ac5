// lib/db/generated-database.ts is what scripts/generate-database-types.ts makes of schema.prisma today.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { databaseTypesOf } from './database-types';

describe('the Kysely Database interface', () => {
  it('is generated from the current prisma/schema.prisma (run `npx tsx scripts/generate-database-types.ts`)', async () => {
    const expected = databaseTypesOf(await readFile('prisma/schema.prisma', 'utf8'));
    expect(await readFile('lib/db/generated-database.ts', 'utf8')).toBe(expected);
  });
});
