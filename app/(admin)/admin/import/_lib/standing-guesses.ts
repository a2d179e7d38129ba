import type { ReviewContent } from '@/lib/content/review-content';
import type { ImportGuess, ImportGuesses } from '@/lib/import/types';

// Which credits and genres of the preview are still the importer's guesses, as the editor
// corrects it. The importer gave indexes into the content it built; since then the editor may
// have reordered, removed or retyped items, so each guess is found again by what it names, and
// one the editor has changed is no longer a guess but the editor's own entry.

/** The guesses standing in `current`, by index into its credits and genres. */
export type StandingGuesses = {
  credits: ReadonlyMap<number, ImportGuess>;
  genres: ReadonlyMap<number, ImportGuess>;
};

const creditKey = (credit: ReviewContent['credits'][number]) =>
  `${credit.role}\u0000${credit.name.trim()}`;
const genreKey = (genre: ReviewContent['genres'][number]) => genre.name.trim().toLowerCase();

/** Items of `current` whose key is that of a guessed item of `imported`. */
function standing<T>(
  imported: readonly T[],
  guesses: readonly ImportGuess[],
  current: readonly T[],
  key: (item: T) => string,
): Map<number, ImportGuess> {
  const guessed = new Map<string, ImportGuess>();
  for (const guess of guesses) {
    const item = imported[guess.index];
    if (item !== undefined) guessed.set(key(item), guess);
  }
  const found = new Map<number, ImportGuess>();
  current.forEach((item, index) => {
    const guess = guessed.get(key(item));
    if (guess) found.set(index, guess);
  });
  return found;
}

export function standingGuesses(
  imported: ReviewContent,
  guesses: ImportGuesses,
  current: ReviewContent,
): StandingGuesses {
  return {
    credits: standing(imported.credits, guesses.credits, current.credits, creditKey),
    genres: standing(imported.genres, guesses.genres, current.genres, genreKey),
  };
}
