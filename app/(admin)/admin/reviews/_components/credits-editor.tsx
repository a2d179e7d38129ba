'use client';

import type { ReviewContent } from '@/lib/content/review-content';
import { CREDIT_ROLE_LABELS, CREDIT_ROLES, type CreditRole } from '@/lib/content/vocabulary';
import { slugify } from '@/lib/text/slug';
import { moveItem, type ContentUpdate, type FieldErrors } from './editor-types';

/** Credits in order: a person (suggested from existing people), a role, a character for cast. */
export function CreditsEditor({
  credits,
  update,
  errors,
  people,
}: {
  credits: ReviewContent['credits'];
  update: ContentUpdate;
  errors: FieldErrors;
  people: string[];
}) {
  const setCredits = (next: ReviewContent['credits']) =>
    update((current) => ({ ...current, credits: next }));
  const change = (index: number, changes: Partial<ReviewContent['credits'][number]>) =>
    setCredits(credits.map((credit, i) => (i === index ? { ...credit, ...changes } : credit)));

  return (
    <fieldset className="editor-fieldset">
      <legend>Credits</legend>
      <datalist id="people-suggestions">
        {people.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {credits.length === 0 && <p className="muted">No credits yet.</p>}
      <ol className="credit-list">
        {credits.map((credit, index) => {
          const id = `credit-${index}`;
          const nameError = errors[`credits.${index}.name`] ?? errors[`credits.${index}.slug`];
          return (
            <li key={index} className="credit-row">
              <div className="field">
                <label htmlFor={`${id}-name`}>Person {index + 1}</label>
                <input
                  id={`${id}-name`}
                  list="people-suggestions"
                  value={credit.name}
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby={nameError ? `${id}-name-error` : undefined}
                  onChange={(event) =>
                    change(index, { name: event.target.value, slug: slugify(event.target.value) })
                  }
                />
                {nameError && (
                  <p className="field-error" id={`${id}-name-error`}>
                    {nameError.join(' ')}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${id}-role`}>Role</label>
                <select
                  id={`${id}-role`}
                  value={credit.role}
                  onChange={(event) => {
                    const role = event.target.value as CreditRole;
                    change(index, { role, character: role === 'cast' ? credit.character : null });
                  }}
                >
                  {CREDIT_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {CREDIT_ROLE_LABELS[role].one}
                    </option>
                  ))}
                </select>
              </div>
              {credit.role === 'cast' && (
                <div className="field">
                  <label htmlFor={`${id}-character`}>Character</label>
                  <input
                    id={`${id}-character`}
                    value={credit.character ?? ''}
                    onChange={(event) => change(index, { character: event.target.value || null })}
                  />
                </div>
              )}
              <div className="row-actions">
                <button
                  type="button"
                  className="button button-small button-quiet"
                  disabled={index === 0}
                  aria-label={`Move ${credit.name || `person ${index + 1}`} up`}
                  onClick={() => setCredits(moveItem(credits, index, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  disabled={index === credits.length - 1}
                  aria-label={`Move ${credit.name || `person ${index + 1}`} down`}
                  onClick={() => setCredits(moveItem(credits, index, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={`Remove ${credit.name || `person ${index + 1}`}`}
                  onClick={() => setCredits(credits.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-quiet"
        onClick={() =>
          setCredits([
            ...credits,
            {
              name: '',
              slug: '',
              role: credits.length === 0 ? 'director' : 'cast',
              character: null,
            },
          ])
        }
      >
        Add a credit
      </button>
    </fieldset>
  );
}
