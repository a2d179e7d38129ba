import Link from 'next/link';
import { Fragment } from 'react';
import type { PublishedReview } from '@/lib/content/published-review';
import { countryName, languageName } from '@/lib/content/review-content';
import { CREDIT_ROLE_LABELS, CREDIT_ROLES } from '@/lib/content/vocabulary';
import { formatList, formatRuntime, listParts } from '@/lib/format';
import { PosterPlaceholder } from './poster-placeholder';
import { StaticImage } from './static-image';
import styles from './review-facts.module.css';

/** The work's facts and credits, as a definition list. */
export function ReviewFacts({ review, linked }: { review: PublishedReview; linked: boolean }) {
  // People and genres link to their pages, which list every published review they are in.
  const person = (credit: { name: string; slug: string }) =>
    linked ? <Link href={`/people/${credit.slug}`}>{credit.name}</Link> : credit.name;
  const creditGroups = CREDIT_ROLES.map((role) => ({
    role,
    people: review.credits.filter((credit) => credit.role === role),
  })).filter((group) => group.people.length > 0);

  return (
    <aside className={`facts ${styles.facts}`} aria-labelledby="facts-heading">
      {review.poster ? (
        <StaticImage
          className="poster"
          src={`/media/${review.poster.id}`}
          width={review.poster.width}
          height={review.poster.height}
          alt={`Poster for ${review.workTitle}`}
          // Beside the facts on narrow screens (review-facts.module.css), atop them on wide ones.
          sizes="(max-width: 60rem) 9rem, 20rem"
          preload
        />
      ) : (
        <PosterPlaceholder className="poster" title={review.workTitle} year={review.year} />
      )}
      <h2 id="facts-heading">{review.workTitle}</h2>
      <dl>
        {review.originalTitle && <Fact term="Original title">{review.originalTitle}</Fact>}
        {review.year !== null && <Fact term="Year">{review.year}</Fact>}
        <Fact term="Type">{review.kind === 'film' ? 'Film' : 'Series'}</Fact>
        {review.countries.length > 0 && (
          <Fact term={review.countries.length > 1 ? 'Countries' : 'Country'}>
            {formatList(review.countries.map(countryName))}
          </Fact>
        )}
        {review.languages.length > 0 && (
          <Fact term={review.languages.length > 1 ? 'Languages' : 'Language'}>
            {formatList(review.languages.map(languageName))}
          </Fact>
        )}
        {review.runtimeMinutes !== null && (
          <Fact term="Runtime">{formatRuntime(review.runtimeMinutes)}</Fact>
        )}
        {review.genres.length > 0 && (
          <Fact term={review.genres.length > 1 ? 'Genres' : 'Genre'}>
            <InlineList
              items={review.genres.map((genre) => ({
                key: genre.slug,
                node: linked ? (
                  <Link href={`/genres/${genre.slug}`}>{genre.name}</Link>
                ) : (
                  genre.name
                ),
              }))}
            />
          </Fact>
        )}
        {creditGroups.map(({ role, people }) => (
          <Fact
            key={role}
            term={people.length > 1 ? CREDIT_ROLE_LABELS[role].many : CREDIT_ROLE_LABELS[role].one}
          >
            {role === 'cast' ? (
              <ul className="cast-list">
                {people.map((credit) => (
                  <li key={`${credit.slug}-${credit.character ?? ''}`}>
                    <span className="person">{person(credit)}</span>
                    {credit.character && <span className="character"> as {credit.character}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <InlineList
                items={people.map((credit) => ({ key: credit.slug, node: person(credit) }))}
              />
            )}
          </Fact>
        ))}
      </dl>
    </aside>
  );
}

/** "A, B and C" with each item its own node (a link), separated as formatList would. */
function InlineList({ items }: { items: Array<{ key: string; node: React.ReactNode }> }) {
  const parts = listParts(items.length);
  return items.map((item, index) => (
    <Fragment key={item.key}>
      {item.node}
      {parts[index]}
    </Fragment>
  ));
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
