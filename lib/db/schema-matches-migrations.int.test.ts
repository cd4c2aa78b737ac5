// Proves that applying prisma/migrations yields the database prisma/schema.prisma describes:
// every model's table, every field's column with its type and nullability, every enum, and every
// index and unique constraint. Prisma's schema engine (migrate diff) cannot run on every machine,
// so the comparison reads the schema through Prisma's own wasm DMMF and the database catalog.
import { readFile } from 'node:fs/promises';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../testing/start-test-services';

interface DmmfField {
  name: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  dbName?: string | null;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: Array<{ name: string; dbName?: string | null; values: Array<{ name: string; dbName?: string | null }> }>;
    indexes: Array<{ model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: Array<{ name: string }> }>;
  };
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  BigInt: 'bigint',
  Int: 'integer',
  Bytes: 'bytea',
  Json: 'jsonb',
  DateTime: 'timestamp with time zone',
  Boolean: 'boolean',
};
const NATIVE_TYPES: Record<string, string> = { Uuid: 'uuid', Timestamptz: 'timestamp with time zone' };

const ARRAY_ELEMENT_TYPES: Record<string, string> = { _text: 'text', _int4: 'integer', _int8: 'bigint' };

function columnType(column: { data_type: string; udt_name: string }): string {
  if (column.data_type === 'USER-DEFINED') return column.udt_name;
  if (column.data_type === 'ARRAY') return `${ARRAY_ELEMENT_TYPES[column.udt_name] ?? column.udt_name}[]`;
  return column.data_type;
}

let services: TestServices;
let db: pg.Client;
let dmmf: Dmmf;

beforeAll(async () => {
  services = await startTestServices();
  db = new pg.Client({ connectionString: services.databaseUrl });
  await db.connect();
  const prismaSchema = await readFile('prisma/schema.prisma', 'utf8');
  dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
});

afterAll(async () => {
  await db?.end();
  await services?.stop();
});

describe('the migrated database', () => {
  it('has exactly the tables of schema.prisma', async () => {
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const expected = dmmf.datamodel.models.map((m) => m.dbName ?? m.name).sort();
    expect(rows.map((r) => r.table_name).sort()).toEqual(expected);
  });

  it('has every column with the type and nullability schema.prisma declares, and no others', async () => {
    const enumDbNames = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const { rows } = await db.query<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
        `SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      const actual = Object.fromEntries(
        rows.map((r) => [r.column_name, { type: columnType(r), nullable: r.is_nullable === 'YES' }]),
      );
      const expected = Object.fromEntries(
        model.fields
          .filter((f) => f.kind !== 'object')
          .map((f) => {
            const type =
              f.kind === 'enum'
                ? enumDbNames.get(f.type)!
                : f.nativeType
                  ? NATIVE_TYPES[f.nativeType[0]]
                  : SCALAR_TYPES[f.type];
            // Prisma Migrate creates scalar lists as nullable array columns.
            return [f.dbName ?? f.name, { type: f.isList ? `${type}[]` : type, nullable: !f.isRequired || f.isList }];
          }),
      );
      expect(actual, `columns of ${table}`).toEqual(expected);
    }
  });

  it('has the enums of schema.prisma with their values', async () => {
    for (const e of dmmf.datamodel.enums) {
      const { rows } = await db.query<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [e.dbName ?? e.name],
      );
      expect(rows.map((r) => r.enumlabel)).toEqual(e.values.map((v) => v.dbName ?? v.name));
    }
  });

  it('has every primary key, unique constraint and index of schema.prisma, and no others', async () => {
    const columnName = new Map(
      dmmf.datamodel.models.flatMap((m) => m.fields.map((f) => [`${m.name}.${f.name}`, f.dbName ?? f.name] as const)),
    );
    const tableName = new Map(dmmf.datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
    const expected = dmmf.datamodel.indexes
      .map((i) => {
        const kind = i.type === 'id' ? 'primary' : i.type === 'unique' ? 'unique' : 'index';
        return `${tableName.get(i.model)}(${i.fields.map((f) => columnName.get(`${i.model}.${f.name}`)).join(',')}) ${kind}`;
      })
      .sort();
    const { rows } = await db.query<{ table_name: string; columns: string[]; is_primary: boolean; is_unique: boolean }>(
      `SELECT t.relname AS table_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
              array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
       FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
       WHERE ns.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    );
    const actual = rows
      .map((r) => `${r.table_name}(${r.columns.join(',')}) ${r.is_primary ? 'primary' : r.is_unique ? 'unique' : 'index'}`)
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has the foreign keys of schema.prisma', async () => {
    const { rows } = await db.query<{ def: string; table_name: string }>(
      `SELECT conrelid::regclass::text AS table_name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    const relationFields = dmmf.datamodel.models.flatMap((m) =>
      m.fields.filter((f) => f.kind === 'object' && (f as unknown as { relationFromFields?: string[] }).relationFromFields?.length),
    );
    expect(rows.length).toBe(relationFields.length);
  });
});
