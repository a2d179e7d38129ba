import 'server-only';
import { asc } from 'drizzle-orm';
import { requirePermission } from '../auth/current-user';
import { getDb } from '../client';
import { genres, people } from '../schema';

/** Names of known people and genres, for the editor's suggestions. Staff only. */
export async function listSuggestions(): Promise<{ people: string[]; genres: string[] }> {
  await requirePermission('admin:access');
  const db = getDb();
  const [personRows, genreRows] = await Promise.all([
    db.select({ name: people.name }).from(people).orderBy(asc(people.name)).limit(5000),
    db.select({ name: genres.name }).from(genres).orderBy(asc(genres.name)),
  ]);
  return { people: personRows.map((row) => row.name), genres: genreRows.map((row) => row.name) };
}
