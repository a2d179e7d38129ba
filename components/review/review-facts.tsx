import Image from 'next/image';
import type { PublishedReview } from '@/db/queries/public-reviews';
import { countryName, languageName } from '@/lib/content/review-content';
import { CREDIT_ROLE_LABELS, CREDIT_ROLES } from '@/lib/content/vocabulary';
import { formatList, formatRuntime } from '@/lib/format';

/** The work's facts and credits, as a definition list. */
export function ReviewFacts({ review }: { review: PublishedReview }) {
  const creditGroups = CREDIT_ROLES.map((role) => ({
    role,
    people: review.credits.filter((credit) => credit.role === role),
  })).filter((group) => group.people.length > 0);

  return (
    <aside className="facts" aria-labelledby="facts-heading">
      {review.poster && (
        <Image
          className="poster"
          src={`/media/${review.poster.id}`}
          width={review.poster.width}
          height={review.poster.height}
          alt={`Poster for ${review.workTitle}`}
          sizes="(max-width: 60rem) 100vw, 20rem"
          priority
        />
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
          <Fact term="Genres">{formatList(review.genres.map((genre) => genre.name))}</Fact>
        )}
        {creditGroups.map(({ role, people }) => (
          <Fact
            key={role}
            term={people.length > 1 ? CREDIT_ROLE_LABELS[role].many : CREDIT_ROLE_LABELS[role].one}
          >
            {role === 'cast' ? (
              <ul className="cast-list">
                {people.map((person) => (
                  <li key={`${person.slug}-${person.character ?? ''}`}>
                    <span className="person">{person.name}</span>
                    {person.character && <span className="character"> as {person.character}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              formatList(people.map((person) => person.name))
            )}
          </Fact>
        ))}
      </dl>
    </aside>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
