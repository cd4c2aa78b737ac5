// The Kysely `Database` interface, generated from prisma/schema.prisma (one source of truth): each
// model's table by its @@map name, each scalar field's column by its @map name, typed as lib/db/sql.ts
// returns it (int8 → bigint, timestamptz → Date, bytea → Uint8Array). schema.prisma is proven equal
// to the migrated database by schema-matches-migrations.int.test.ts, and this text to schema.prisma
// by database-types.test.ts. Prisma's schema engine is not needed: the DMMF comes from its wasm.
import { get_dmmf } from '@prisma/prisma-schema-wasm';

interface DmmfField {
  name: string;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  dbName?: string | null;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt?: boolean;
}
interface Dmmf {
  datamodel: {
    models: Array<{ name: string; dbName: string | null; fields: DmmfField[] }>;
    enums: Array<{ name: string; values: Array<{ name: string; dbName?: string | null }> }>;
  };
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'string',
  BigInt: 'bigint',
  Int: 'number',
  Bytes: 'Uint8Array',
  Json: 'JsonValue',
  DateTime: 'Date',
  Boolean: 'boolean',
};

/** The TypeScript text of lib/db/generated-database.ts for this schema. */
export function databaseTypesOf(prismaSchema: string): string {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
  const out: string[] = [
    '// Generated from prisma/schema.prisma by `npx tsx scripts/generate-database-types.ts`; do not edit.',
    '// lib/db/database-types.test.ts fails when it is out of date.',
    "import type { ColumnType } from 'kysely';",
    '',
    '/** A column the database fills when an INSERT leaves it out (a default). */',
    'export type Generated<T> = ColumnType<T, T | undefined, T>;',
    'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };',
    '',
  ];
  for (const e of dmmf.datamodel.enums) {
    out.push(`export type ${e.name} = ${e.values.map((v) => `'${v.dbName ?? v.name}'`).join(' | ')};`);
  }
  out.push('');
  const tables: string[] = [];
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    tables.push(`  ${table}: ${model.name}Table;`);
    out.push(`export interface ${model.name}Table {`);
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      let type = field.kind === 'enum' ? field.type : SCALAR_TYPES[field.type];
      if (!type) throw new Error(`No TypeScript type for ${model.name}.${field.name} (${field.type})`);
      if (field.isList) type = `${type}[]`;
      // Prisma Migrate creates scalar lists as nullable columns.
      if (!field.isRequired || field.isList) type = `${type} | null`;
      if (field.hasDefaultValue || field.isUpdatedAt) type = `Generated<${type}>`;
      out.push(`  ${field.dbName ?? field.name}: ${type};`);
    }
    out.push('}', '');
  }
  out.push('export interface Database {', ...tables, '}', '');
  return out.join('\n');
}
