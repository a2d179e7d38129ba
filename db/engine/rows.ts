/**
 * The one row an `INSERT … RETURNING` of one row gives back. Both engines always return it;
 * a missing row means the statement did not run as written, which is a bug, not bad input.
 */
export function insertedRow<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('INSERT … RETURNING returned no row.');
  return row;
}
