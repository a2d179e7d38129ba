import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb, openTarget, type Db } from '../../db/client';
import { prepareInstance } from '../../db/prepare';
import { auditLog, reviews, users } from '../../db/schema';
import { resolveDatabaseTarget } from '../../lib/database-path';

// Instances of a new site are often started together on one empty database (a deploy of N
// replicas). Each runs prepareInstance as it starts (instrumentation.ts): migrations, the sample
// review, the first admin. Together they must leave one schema, one sample review and one admin,
// and none may fail. Three "instances" here are three connections (pools) of their own, started
// at the same moment on this file's empty throwaway database.

const ADMIN = {
  ADMIN_EMAIL: 'first-admin@example.com',
  ADMIN_PASSWORD: 'gravel kettle lantern 42',
};
const instances: Db[] = [];
const saved = Object.fromEntries(Object.keys(ADMIN).map((key) => [key, process.env[key]]));

beforeAll(() => {
  Object.assign(process.env, ADMIN);
  for (let i = 0; i < 3; i++) instances.push(openTarget(resolveDatabaseTarget()));
});
afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const instance of instances) await closeDatabase(instance);
});

describe('instances starting together on a new database', () => {
  it('migrate it, seed it and create the first admin once between them', async () => {
    const logs: string[][] = instances.map(() => []);
    const results = await Promise.allSettled(
      instances.map((db, i) => prepareInstance(db, (line) => logs[i]!.push(line))),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    const db = getDb();
    const [reviewCount] = await db.select({ n: count() }).from(reviews);
    const admins = await db.select({ email: users.email, role: users.role }).from(users);
    const setups = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.setup'));
    expect(reviewCount?.n).toBe(1);
    expect(admins).toEqual([{ email: ADMIN.ADMIN_EMAIL, role: 'admin' }]);
    expect(setups).toHaveLength(1);
    // One instance did the work and said so; the others found it done.
    const all = logs.flat();
    expect(all.filter((line) => line.startsWith('Seeded the sample review'))).toHaveLength(1);
    expect(all.filter((line) => line.startsWith('Created the first admin'))).toHaveLength(1);
  });

  it('are no-ops for an instance that starts later', async () => {
    await prepareInstance(instances[0]!, () => {});
    const [reviewCount] = await getDb().select({ n: count() }).from(reviews);
    const [userCount] = await getDb().select({ n: count() }).from(users);
    expect([reviewCount?.n, userCount?.n]).toEqual([1, 1]);
  });
});
