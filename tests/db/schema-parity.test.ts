import { getTableName, is, type Column, type SQL, type Table } from 'drizzle-orm';
import {
  PgDialect,
  PgTable,
  getTableConfig as getPgTableConfig,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import {
  SQLiteSyncDialect,
  SQLiteTable,
  SQLiteTimestamp,
  getTableConfig as getSqliteTableConfig,
  type SQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as sqliteSchema from '../../db/schema-sqlite';
import * as pgSchema from '../../db/schema-postgres';

// db/schema.ts (SQLite) and db/schema-postgres.ts (PostgreSQL) describe one data model twice,
// because Drizzle has no dialect-neutral schema (issue 16). This test keeps them from drifting:
// each table is reduced to a plain description on both sides, with the SQLite types translated
// by the mapping below, and the two descriptions must be equal.

/** How each SQLite column kind is stored on PostgreSQL (see the header of db/schema-postgres.ts). */
const TYPE_MAPPING: Record<string, string> = {
  integer: 'integer',
  'integer autoincrement': 'integer identity by default',
  'integer timestamp_ms': 'timestamp (3) with time zone',
  'integer boolean': 'boolean',
  real: 'double precision',
  text: 'text',
  'text json': 'jsonb',
};

/**
 * Checks whose expression is written per dialect (SQLite's glob and json_valid have no
 * PostgreSQL spelling): both renderings are pinned here, so changing either is deliberate.
 * Every other check must render to the same SQL on both engines.
 */
const DIALECT_CHECKS: Record<string, { sqlite: string; postgres: string }> = {
  reviews_slug_format_check: {
    sqlite: `"reviews"."slug" glob '[a-z0-9]*' and "reviews"."slug" not glob '*[^a-z0-9-]*'`,
    postgres: `"reviews"."slug" ~ '^[a-z0-9][a-z0-9-]*$'`,
  },
  review_revisions_content_json_check: {
    sqlite: `json_valid("review_revisions"."content")`,
    postgres: `("review_revisions"."content"::jsonb) is not null`,
  },
  sections_body_json_check: {
    sqlite: `json_valid("sections"."body")`,
    postgres: `("sections"."body"::jsonb) is not null`,
  },
};

function sqliteKind(column: SQLiteColumn): string {
  const type = column.getSQLType();
  if (is(column, SQLiteTimestamp)) return `${type} ${column.mode}`;
  if (column.columnType === 'SQLiteBoolean') return `${type} boolean`;
  if (column.columnType === 'SQLiteTextJson') return `${type} json`;
  if ('autoIncrement' in column && column.autoIncrement === true) return `${type} autoincrement`;
  return type;
}

function pgKind(column: PgColumn): string {
  const type = column.getSQLType();
  return column.generatedIdentity ? `${type} identity ${pgIdentity(column)}` : type;
}

function pgIdentity(column: PgColumn): string {
  return column.generatedIdentity?.type === 'byDefault' ? 'by default' : 'always';
}

/** Everything about a column except its type, which the two engines spell differently. */
function columnFacts(column: Column) {
  return {
    notNull: column.notNull,
    hasDefault: column.hasDefault,
    default: column.default,
    defaultFn: column.defaultFn !== undefined,
    onUpdateFn: column.onUpdateFn !== undefined,
    primary: column.primary,
    unique: column.isUnique,
    enumValues: column.enumValues ?? null,
  };
}

type Description = {
  columns: Map<string, { type: string } & ReturnType<typeof columnFacts>>;
  primaryKey: string[];
  uniques: string[];
  foreignKeys: object[];
  checks: Map<string, string>;
  indexes: object[];
};

const names = (columns: ReadonlyArray<{ name: string }>) => columns.map((column) => column.name);
const sorted = <T>(values: T[], key: (value: T) => string) =>
  [...values].sort((a, b) => key(a).localeCompare(key(b)));

function describeSqlite(table: SQLiteTable): Description {
  const config = getSqliteTableConfig(table);
  const dialect = new SQLiteSyncDialect();
  const columns = new Map(
    config.columns.map((column) => {
      const kind = sqliteKind(column);
      // An unmapped kind fails the comparison loudly instead of passing as undefined.
      const type = TYPE_MAPPING[kind] ?? `unmapped SQLite kind "${kind}"`;
      const facts = columnFacts(column);
      // A lone `integer primary key` is SQLite's rowid, filled in when omitted, so Drizzle counts
      // it as defaulted. Where no AUTOINCREMENT asks for that (published_reviews.review_id, always
      // a review's id), PostgreSQL rightly has no default: the rowid's is not part of the model.
      if (kind === 'integer' && column.primary && column.default === undefined) {
        facts.hasDefault = false;
      }
      return [column.name, { type, ...facts }];
    }),
  );
  return {
    columns,
    primaryKey: config.primaryKeys[0]
      ? names(config.primaryKeys[0].columns)
      : names(config.columns.filter((column) => column.primary)),
    uniques: uniqueSets(
      config.indexes.filter((i) => i.config.unique).map((i) => names(i.config.columns as Column[])),
      config.uniqueConstraints.map((u) => names(u.columns)),
      config.columns.filter((column) => column.isUnique).map((column) => [column.name]),
    ),
    foreignKeys: foreignKeyFacts(config.foreignKeys),
    checks: checkFacts(config.checks, (value) => dialect.sqlToQuery(value).sql),
    indexes: sorted(
      config.indexes.map(({ config: index }) => ({
        name: index.name,
        columns: names(index.columns as Column[]),
        unique: index.unique,
        where: index.where !== undefined,
        // SQLite has only b-trees; a PostgreSQL index of another kind (GIN…) is not a mirror.
        method: 'btree',
      })),
      (index) => index.name,
    ),
  };
}

function describePg(table: PgTable): Description {
  const config = getPgTableConfig(table);
  const dialect = new PgDialect();
  return {
    columns: new Map(
      config.columns.map((column) => [
        column.name,
        { type: pgKind(column), ...columnFacts(column) },
      ]),
    ),
    primaryKey: config.primaryKeys[0]
      ? names(config.primaryKeys[0].columns)
      : names(config.columns.filter((column) => column.primary)),
    uniques: uniqueSets(
      config.indexes
        .filter((i) => i.config.unique)
        .map((i) => names(i.config.columns as Array<{ name: string }>)),
      config.uniqueConstraints.map((u) => names(u.columns)),
      config.columns.filter((column) => column.isUnique).map((column) => [column.name]),
    ),
    foreignKeys: foreignKeyFacts(config.foreignKeys),
    checks: checkFacts(config.checks, (value) => dialect.sqlToQuery(value).sql),
    indexes: sorted(
      config.indexes.map(({ config: index }) => ({
        name: index.name ?? '(unnamed)',
        columns: names(index.columns as Array<{ name: string }>),
        unique: index.unique,
        where: index.where !== undefined,
        method: index.method ?? 'btree',
      })),
      (index) => index.name,
    ),
  };
}

/** Unique column sets however they are declared (unique index, constraint or column). */
function uniqueSets(...groups: string[][][]): string[] {
  return groups
    .flat()
    .map((columns) => columns.join(', '))
    .sort();
}

type AnyForeignKey = {
  getName(): string;
  onDelete?: string;
  onUpdate?: string;
  reference(): { columns: Column[]; foreignColumns: Column[]; foreignTable: Table };
};

function foreignKeyFacts(foreignKeys: AnyForeignKey[]) {
  return sorted(
    foreignKeys.map((foreignKey) => {
      const reference = foreignKey.reference();
      return {
        name: foreignKey.getName(),
        columns: names(reference.columns),
        references: `${getTableName(reference.foreignTable)}(${names(reference.foreignColumns).join(', ')})`,
        // Drizzle leaves an unspecified action undefined on SQLite; both engines mean NO ACTION.
        onDelete: foreignKey.onDelete ?? 'no action',
        onUpdate: foreignKey.onUpdate ?? 'no action',
      };
    }),
    (foreignKey) => foreignKey.name,
  );
}

function checkFacts(checks: Array<{ name: string; value: SQL }>, render: (value: SQL) => string) {
  return new Map(checks.map((check) => [check.name, render(check.value)]));
}

function tablesOf<T extends Table>(schema: object, isTable: (value: unknown) => value is T) {
  return new Map(
    Object.values(schema)
      .filter(isTable)
      .map((table) => [getTableName(table), table]),
  );
}

const sqliteTables = tablesOf(sqliteSchema, (value) => is(value, SQLiteTable));
const pgTables = tablesOf(pgSchema, (value) => is(value, PgTable));

type Rows<Schema> = {
  [K in keyof Schema]: Schema[K] extends Table ? Schema[K]['$inferSelect'] : never;
};
type Inserts<Schema> = {
  [K in keyof Schema]: Schema[K] extends Table ? Schema[K]['$inferInsert'] : never;
};
type Simplify<T> = { [K in keyof T]: T[K] } & {};

describe('the PostgreSQL schema mirrors the SQLite schema', () => {
  it('has the same tables', () => {
    expect([...pgTables.keys()].sort(), 'tables in db/schema-postgres.ts').toEqual(
      [...sqliteTables.keys()].sort(),
    );
    expect(sqliteTables.size).toBe(19);
  });

  describe.each([...sqliteTables.keys()].sort())('%s', (name) => {
    const sqlite = describeSqlite(sqliteTables.get(name)!);
    const pgTable = pgTables.get(name);
    const pg = pgTable ? describePg(pgTable) : undefined;
    const present = (): Description => {
      expect(pg, `table ${name} is missing from db/schema-postgres.ts`).toBeDefined();
      return pg!;
    };

    it('has the same columns, with types as mapped', () => {
      const postgres = present();
      expect([...postgres.columns.keys()], `${name}: column names and order`).toEqual([
        ...sqlite.columns.keys(),
      ]);
      for (const [column, expected] of sqlite.columns) {
        expect(postgres.columns.get(column), `${name}.${column}`).toEqual(expected);
      }
    });

    it('has the same primary key and unique column sets', () => {
      const postgres = present();
      expect(postgres.primaryKey, `${name}: primary key`).toEqual(sqlite.primaryKey);
      expect(postgres.uniques, `${name}: unique column sets`).toEqual(sqlite.uniques);
    });

    it('has the same foreign keys', () => {
      expect(present().foreignKeys, `${name}: foreign keys`).toEqual(sqlite.foreignKeys);
    });

    it('has the same checks', () => {
      const postgres = present();
      expect([...postgres.checks.keys()].sort(), `${name}: check names`).toEqual(
        [...sqlite.checks.keys()].sort(),
      );
      for (const [check, sql] of sqlite.checks) {
        const pinned = DIALECT_CHECKS[check];
        if (pinned) {
          expect(sql, `${name}.${check} (SQLite, pinned)`).toBe(pinned.sqlite);
          expect(postgres.checks.get(check), `${name}.${check} (PostgreSQL, pinned)`).toBe(
            pinned.postgres,
          );
        } else {
          // Vocabulary checks (oneOf) included: the same SQL means the same list of values.
          expect(postgres.checks.get(check), `${name}.${check}`).toBe(sql);
        }
      }
    });

    it('has the same indexes', () => {
      expect(present().indexes, `${name}: indexes`).toEqual(sqlite.indexes);
    });
  });

  it('pins only checks that exist', () => {
    const all = [...sqliteTables.values()].flatMap((table) =>
      getSqliteTableConfig(table).checks.map((check) => check.name),
    );
    expect(all).toEqual(expect.arrayContaining(Object.keys(DIALECT_CHECKS)));
  });

  it('gives the app the same row types on both engines', () => {
    // Checked by the type checker (npx tsc --noEmit): a drift fails the typecheck.
    expectTypeOf<Rows<typeof pgSchema>>().toEqualTypeOf<Rows<typeof sqliteSchema>>();
    expectTypeOf<Omit<Inserts<typeof pgSchema>, 'publishedReviews'>>().toEqualTypeOf<
      Omit<Inserts<typeof sqliteSchema>, 'publishedReviews'>
    >();
    // The one insert difference: SQLite's rowid makes published_reviews.review_id optional.
    expectTypeOf<(typeof pgSchema.publishedReviews)['$inferInsert']>().toEqualTypeOf<
      Simplify<
        Omit<(typeof sqliteSchema.publishedReviews)['$inferInsert'], 'reviewId'> & {
          reviewId: number;
        }
      >
    >();
  });
});
