import type { ReviewContent } from '@/lib/content/review-content';
import { CREDIT_ROLE_LABELS } from '@/lib/content/vocabulary';
import type { StandingGuesses } from '../_lib/standing-guesses';
import styles from './import.module.css';

/** The words that mark a guess wherever the preview shows one: text, not only a colour. */
export const GUESSED = 'guessed from the text';

/**
 * The credits the importer read from sentences (not from the article's credits list) and the
 * genres it read from the headline and first sentences, each marked and quoted with the words it
 * came from, above the fields where the editor checks them. One the editor has changed drops
 * off the list: it is no longer a guess.
 */
export function GuessedList({
  content,
  standing,
}: {
  content: ReviewContent;
  standing: StandingGuesses;
}) {
  const credits = [...standing.credits].map(([index, guess]) => {
    const credit = content.credits[index]!;
    const role = CREDIT_ROLE_LABELS[credit.role].one.toLowerCase();
    const character = credit.character ? ` as ${credit.character}` : '';
    return {
      key: `credit-${index}`,
      what: `Credit: ${credit.name}`,
      detail: `${role}${character}`,
      guess,
    };
  });
  const genres = [...standing.genres].map(([index, guess]) => ({
    key: `genre-${index}`,
    what: `Genre: ${content.genres[index]!.name}`,
    detail: null,
    guess,
  }));
  const items = [...credits, ...genres];
  if (items.length === 0) return null;
  return (
    <section className={styles.guesses} aria-labelledby="import-guesses-heading">
      <h3 id="import-guesses-heading">Guessed from the text ({items.length})</h3>
      <p>
        Read from sentences, not from a credits list: check each in the fields below, and correct or
        remove it.
      </p>
      <ul aria-labelledby="import-guesses-heading">
        {items.map(({ key, what, detail, guess }) => (
          <li key={key}>
            <span className={styles.guessMark}>{GUESSED}</span> <strong>{what}</strong>
            {detail ? ` (${detail})` : ''}, from <q>{guess.from}</q>{' '}
            <span className={styles.where}>({guess.where})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
