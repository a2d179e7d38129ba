'use client';

import { useEffect, useRef, useState } from 'react';
import type { ReviewContent } from '@/lib/content/review-content';
import { LengthCounter } from '@/components/ui/field';
import { isEmptyBody } from '@/lib/content/publish-checklist';
import { emptyRichText } from '@/lib/content/rich-text/validate';
import { SECTION_KINDS, STANDARD_SECTIONS } from '@/lib/content/vocabulary';
import { sectionLabel } from '@/lib/content/section-label';
import { countBodyWords, describeLength } from '@/lib/content/word-count';
import { moveItem, type ContentUpdate, type FieldErrors } from './editor-types';
import { RichTextEditor } from './rich-text-editor';

const KIND_LABELS = Object.fromEntries([
  ...STANDARD_SECTIONS.map(({ kind, heading }) => [kind, heading]),
  ['custom', 'Custom'],
]) as Record<(typeof SECTION_KINDS)[number], string>;

/** The ordered sections: rename, reorder (drag or the arrow buttons), remove, add. */
export function SectionsEditor({
  sections,
  update,
  errors,
  readOnly = false,
}: {
  sections: ReviewContent['sections'];
  update: ContentUpdate;
  errors: FieldErrors;
  /** The review is read-only for this person: the bodies are shown, not editable. */
  readOnly?: boolean;
}) {
  const [dragged, setDragged] = useState<number | null>(null);
  // Where the focus goes once the sections have rendered: the heading of a section just added,
  // or, after a removal, the section before it (the next one, or Add, when there is none).
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [sections]);
  const setFocusNext = (elementId: string) => (focusNext.current = elementId);
  const headingId = (section: { id: string }) => `section-${section.id}-heading`;
  const setSections = (next: ReviewContent['sections']) =>
    update((current) => ({ ...current, sections: next }));
  // By id, not position: an editor's change handler may outlive a reorder.
  const change = (sectionId: string, changes: Partial<ReviewContent['sections'][number]>) =>
    update((current) => ({
      ...current,
      sections: current.sections.map((section) =>
        section.id === sectionId ? { ...section, ...changes } : section,
      ),
    }));

  return (
    <section aria-labelledby="sections-heading" className="editor-sections">
      <h2 id="sections-heading">Sections</h2>
      <p className="field-hint word-count" id="review-length">
        Whole review:{' '}
        {describeLength(sections.reduce((sum, section) => sum + countBodyWords(section.body), 0))}
      </p>
      {errors.sections && (
        <p className="field-error" role="alert">
          {errors.sections.join(' ')}
        </p>
      )}
      {sections.map((section, index) => {
        const id = `section-${section.id}`;
        const headingError = errors[`sections.${index}.heading`];
        const empty = isEmptyBody(section.body);
        return (
          <div
            key={section.id}
            className="section-card"
            onDragOver={(event) => dragged !== null && event.preventDefault()}
            onDrop={() => {
              if (dragged !== null && dragged !== index)
                setSections(moveItem(sections, dragged, index - dragged));
              setDragged(null);
            }}
          >
            <div className="section-card-header">
              <span
                className="drag-handle"
                draggable
                aria-hidden="true"
                title="Drag to reorder"
                onDragStart={() => setDragged(index)}
                onDragEnd={() => setDragged(null)}
              >
                ⠿
              </span>
              <div className="field">
                <label htmlFor={`${id}-heading`}>Section {index + 1} heading</label>
                <input
                  id={`${id}-heading`}
                  value={section.heading}
                  aria-invalid={headingError ? true : undefined}
                  aria-describedby={
                    [
                      index === 0 && `${id}-heading-hint`,
                      headingError && `${id}-heading-error`,
                      empty && `${id}-empty`,
                    ]
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                  onChange={(event) => change(section.id, { heading: event.target.value })}
                />
                <LengthCounter length={section.heading.length} limit={200} />
                {index === 0 && (
                  <p className="field-hint" id={`${id}-heading-hint`}>
                    Optional here: without a heading, this section is the review’s opening.
                  </p>
                )}
                {empty && (
                  <p className="empty-section-badge" id={`${id}-empty`}>
                    Empty: will not be published
                  </p>
                )}
                {headingError && (
                  <p className="field-error" id={`${id}-heading-error`}>
                    {headingError.join(' ')}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${id}-kind`}>Kind</label>
                <select
                  id={`${id}-kind`}
                  value={section.kind}
                  onChange={(event) =>
                    change(section.id, {
                      kind: event.target.value as (typeof SECTION_KINDS)[number],
                    })
                  }
                >
                  {SECTION_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {KIND_LABELS[kind]}
                    </option>
                  ))}
                </select>
              </div>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={section.spoiler}
                  onChange={(event) => change(section.id, { spoiler: event.target.checked })}
                />
                Spoilers
              </label>
              <div className="row-actions">
                <button
                  type="button"
                  className="button button-small button-quiet"
                  disabled={index === 0}
                  aria-label={`Move “${sectionLabel(section)}” up`}
                  onClick={() => setSections(moveItem(sections, index, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  disabled={index === sections.length - 1}
                  aria-label={`Move “${sectionLabel(section)}” down`}
                  onClick={() => setSections(moveItem(sections, index, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={`Remove “${sectionLabel(section)}”`}
                  onClick={() => {
                    if (
                      window.confirm(`Remove the section “${sectionLabel(section)}” and its text?`)
                    ) {
                      const neighbour = sections[index - 1] ?? sections[index + 1];
                      setSections(sections.filter((_, i) => i !== index));
                      setFocusNext(neighbour ? headingId(neighbour) : 'add-section');
                    }
                  }}
                >
                  Remove
                </button>
              </div>
            </div>
            <RichTextEditor
              id={`${id}-body`}
              label={`${section.heading || (index === 0 ? 'Opening' : `Section ${index + 1}`)} text`}
              value={section.body}
              error={errors[`sections.${index}.body`]}
              onChange={(body) => change(section.id, { body })}
              readOnly={readOnly}
            />
          </div>
        );
      })}
      <button
        type="button"
        id="add-section"
        className="button button-quiet"
        onClick={() => {
          const added = {
            id: crypto.randomUUID(),
            kind: 'custom' as const,
            heading: 'New section',
            spoiler: false,
            body: emptyRichText(),
          };
          setSections([...sections, added]);
          setFocusNext(headingId(added));
        }}
      >
        Add a section
      </button>
    </section>
  );
}
