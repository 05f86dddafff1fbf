import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractReason, describeMigration, destructiveStatements, unmarkedDestructive } from '../src/migrations.js';
import { repositoryRoot } from './support/repository.js';

describe('destructive DDL', () => {
  it.each([
    ['DROP TABLE carts;', 'DROP TABLE/VIEW/TYPE/DOMAIN/SCHEMA/FUNCTION/SEQUENCE'],
    ['drop type order_state cascade;', 'DROP TABLE/VIEW/TYPE/DOMAIN/SCHEMA/FUNCTION/SEQUENCE'],
    ['ALTER TABLE products DROP COLUMN legacy_price;', 'DROP COLUMN'],
    ['ALTER TABLE products\n  DROP IF EXISTS legacy_price;', 'DROP COLUMN'],
    ['ALTER TABLE orders DROP CONSTRAINT orders_total_check;', 'DROP CONSTRAINT'],
    ['ALTER TABLE vendors RENAME TO makers;', 'RENAME'],
    ['ALTER TABLE vendors RENAME COLUMN website TO url;', 'RENAME'],
    ['ALTER TABLE products ALTER COLUMN price_cents TYPE bigint;', 'ALTER COLUMN ... TYPE'],
    ['ALTER TABLE products ALTER price_cents SET DATA TYPE bigint;', 'ALTER COLUMN ... TYPE'],
  ])('finds %s', (sql, kind) => {
    expect(destructiveStatements(sql)[0]?.startsWith(`${kind}: `)).toBe(true);
  });

  it.each([
    'CREATE TABLE wishlists (id integer PRIMARY KEY, renamed_at timestamptz);',
    'ALTER TABLE products ADD COLUMN weight_grams integer NOT NULL DEFAULT 0;',
    'ALTER TABLE products ALTER COLUMN description DROP NOT NULL;',
    'ALTER TABLE products ALTER COLUMN description DROP DEFAULT;',
    'CREATE INDEX products_weight_idx ON products (weight_grams);',
    "-- DROP TABLE carts; is what we will do next year\nCOMMENT ON TABLE carts IS 'never DROP TABLE carts';",
    'CREATE FUNCTION f() RETURNS void AS $$ BEGIN EXECUTE \'DROP TABLE tmp\'; END $$ LANGUAGE plpgsql;',
  ])('accepts additive SQL: %s', (sql) => {
    expect(destructiveStatements(sql)).toEqual([]);
  });

  it('a contract marker names the reason, and only unmarked destructive files are refused', () => {
    const marked = '-- migrate:contract old releases read products.legacy_price; 007 stopped that\nALTER TABLE products DROP COLUMN legacy_price;';
    expect(contractReason(marked)).toBe('old releases read products.legacy_price; 007 stopped that');
    expect(unmarkedDestructive([describeMigration('app/migrations/008_drop.sql', marked)])).toEqual([]);
    expect(unmarkedDestructive([describeMigration('app/migrations/008_drop.sql', 'ALTER TABLE products DROP COLUMN legacy_price;')])).toEqual([
      'app/migrations/008_drop.sql: destructive DDL (DROP COLUMN: ALTER TABLE products DROP COLUMN legacy_price) without a contract marker: add a line "-- migrate:contract <why older releases cannot run on this schema>" or make it additive',
    ]);
  });

  it('every migration in app/migrations is additive or marked as a contract step', () => {
    const dir = path.join(repositoryRoot, 'app', 'migrations');
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    expect(files.length).toBeGreaterThan(0);
    const migrations = files.map((f) => describeMigration(`app/migrations/${f}`, readFileSync(path.join(dir, f), 'utf8')));
    console.log(`migrations checked: ${migrations.length}, contract steps: ${migrations.filter((m) => m.contract !== undefined).length}`);
    expect(unmarkedDestructive(migrations)).toEqual([]);
  });
});
