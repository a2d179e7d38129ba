import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewCard } from '@/components/review/review-card';
import { Pagination } from '@/components/ui/pagination';
import { getPersonPage, type PersonCredit } from '@/db/queries/public-taxonomy';
import { CREDIT_ROLE_LABELS } from '@/lib/content/vocabulary';
import { formatList } from '@/lib/format';
import { parsePageNumber } from '@/lib/page-number';

// A person's page: every published review crediting them, with their role in each.

export const personHref = (slug: string, page: number) =>
  page === 1 ? `/people/${slug}` : `/people/${slug}/page/${page}`;

async function load(slug: string, rawPage: string | undefined) {
  const page = parsePageNumber(rawPage);
  if (page === null) return null;
  const found = await getPersonPage(slug, page);
  return found ? { ...found, page } : null;
}

export async function personMetadata(slug: string, rawPage?: string): Promise<Metadata> {
  const found = await load(slug, rawPage);
  if (!found) return { title: 'Person not found' };
  const { person, page } = found;
  return {
    title: page === 1 ? person.name : `${person.name}, page ${page}`,
    description: `Reviews of films and series with ${person.name}.`,
    alternates: { canonical: personHref(person.slug, page) },
  };
}

/** "Director", "Cast as Lim Gyu-nam", "Writer and Director". */
function describeRoles(roles: PersonCredit['roles']): string {
  return formatList(
    roles.map(({ role, character }) =>
      role === 'cast' && character ? `Cast as ${character}` : CREDIT_ROLE_LABELS[role].one,
    ),
  );
}

export async function PersonView({ slug, rawPage }: { slug: string; rawPage?: string }) {
  const found = await load(slug, rawPage);
  if (!found) notFound();
  const { person, credits, hasNext, page } = found;
  return (
    <>
      <p className="kicker">Person</p>
      <h1 className="page-title">{person.name}</h1>
      <ol className="review-list">
        {credits.map(({ review, roles }) => (
          <li key={review.slug}>
            <ReviewCard review={review}>
              <p className="credit-role">{describeRoles(roles)}</p>
            </ReviewCard>
          </li>
        ))}
      </ol>
      <Pagination page={page} hasNext={hasNext} href={(n) => personHref(person.slug, n)} />
    </>
  );
}
