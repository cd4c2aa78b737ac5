// Writes lib/db/generated-database.ts, the Kysely Database interface, from prisma/schema.prisma.
// Run after changing the schema (docs/architecture.md, "Data access").
import { readFile, writeFile } from 'node:fs/promises';
import { databaseTypesOf } from '../lib/db/database-types';

const text = databaseTypesOf(await readFile('prisma/schema.prisma', 'utf8'));
await writeFile('lib/db/generated-database.ts', text);
console.log('wrote lib/db/generated-database.ts');
