import Link from 'next/link';
import { SelectField } from '@/components/ui/field';
import { z } from 'zod';
import { listAuditActors, listAuditLog } from '@/db/queries/audit';
import { guardPage } from '@/db/auth/page-guard';
import { AUDIT_ACTIONS } from '@/lib/content/vocabulary';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata = { title: 'Audit log' };

const filterSchema = z.object({
  actor: z.coerce.number().int().positive().optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

type Props = { searchParams: Promise<SearchParams> };

export default async function AuditPage({ searchParams }: Props) {
  await guardPage('audit:read');
  const raw = await searchParams;
  const filter = filterSchema.parse({
    actor: firstParam(raw, 'actor'),
    action: firstParam(raw, 'action'),
    page: firstParam(raw, 'page') ?? 1,
  });
  const [{ entries, hasNext }, actors] = await Promise.all([
    listAuditLog({ actorId: filter.actor, action: filter.action, page: filter.page }),
    listAuditActors(),
  ]);
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filter.actor) params.set('actor', String(filter.actor));
    if (filter.action) params.set('action', filter.action);
    params.set('page', String(page));
    return `/admin/audit?${params}`;
  };

  return (
    <>
      <h1>Audit log</h1>
      <form method="get" className="filters" aria-label="Filter the audit log">
        <SelectField label="Actor" name="actor" id="filter-actor" defaultValue={filter.actor ?? ''}>
          <option value="">Anyone</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name} ({actor.email})
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Action"
          name="action"
          id="filter-action"
          defaultValue={filter.action ?? ''}
        >
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {entries.length === 0 ? (
        <p>No entries match.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Client IP</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{timeFormat.format(entry.createdAt)}</td>
                <td>{entry.actorEmail ?? (entry.actorId ? `User ${entry.actorId}` : 'System')}</td>
                <td>
                  <code>{entry.action}</code>
                  {entry.details && <div className="muted small">{entry.details}</div>}
                </td>
                <td>
                  {entry.targetType
                    ? `${entry.targetType} ${entry.targetLabel ?? entry.targetId ?? ''}`
                    : '—'}
                </td>
                <td>{entry.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label="Pages">
        {filter.page > 1 && <Link href={pageHref(filter.page - 1)}>Newer</Link>}
        <span>Page {filter.page}</span>
        {hasNext && <Link href={pageHref(filter.page + 1)}>Older</Link>}
      </nav>
    </>
  );
}
