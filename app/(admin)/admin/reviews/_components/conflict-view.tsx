'use client';

import type { JSONContent } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { applyResolution, type MergeConflict } from '@/lib/content/merge';
import type { ReviewContent, ReviewSection } from '@/lib/content/review-content';
import { plainBlocks } from '@/lib/content/rich-text/plain-blocks';
import { sectionLabel } from '@/lib/content/section-label';
import { RichTextEditor } from './rich-text-editor';
import type { Conflict } from './review-saver-state';

type Choice = 'mine' | 'theirs' | 'edit';

/**
 * Both texts of every place two people changed at once, side by side. For each the editor
 * keeps theirs, keeps their own, or edits a merge that starts with both; nothing is saved, and
 * nothing discarded, until they choose "Save resolution".
 */
export function ConflictView({
  conflict,
  mine,
  onResolve,
}: {
  conflict: Conflict;
  mine: ReviewContent;
  onResolve: (content: ReviewContent) => void;
}) {
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // The refused save's person is taken to the conflict, which says where it is.
  const view = useRef<HTMLElement>(null);
  useEffect(() => {
    view.current?.focus();
    view.current?.scrollIntoView({ block: 'start' });
  }, []);
  const [edits, setEdits] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(conflict.conflicts.map((c) => [c.path, startingMerge(c)])),
  );

  function resolve() {
    let content = conflict.merged;
    for (const item of conflict.conflicts) {
      const choice = choices[item.path] ?? 'mine';
      const value =
        choice === 'mine' ? item.mine : choice === 'theirs' ? item.theirs : edits[item.path];
      content = applyResolution(content, item.path, value, mine);
    }
    onResolve(content);
  }

  return (
    <section className="conflict-view" aria-labelledby="conflict-title" ref={view} tabIndex={-1}>
      <h2 id="conflict-title">Someone else changed the same part of this review</h2>
      <p className="conflict-where">
        Where: {conflict.conflicts.map((item) => item.label).join('; ')}.
      </p>
      <p>
        Your text has not been saved yet and is kept on this device. For each place below, keep
        their version, keep yours, or edit a merge of both. Everything else you both changed has
        been combined already.
      </p>
      {conflict.conflicts.map((item, index) => {
        const choice = choices[item.path] ?? 'mine';
        const name = `conflict-${index}`;
        return (
          <fieldset key={item.path} className="conflict">
            <legend>{item.label}</legend>
            <div className="conflict-sides">
              <div>
                <h3>Their version</h3>
                <ValueView value={item.theirs} />
              </div>
              <div>
                <h3>Your version</h3>
                <ValueView value={item.mine} />
              </div>
            </div>
            <div
              className="conflict-choices"
              role="radiogroup"
              aria-label={`Keep for ${item.label}`}
            >
              {(['mine', 'theirs', 'edit'] as const)
                .filter((option) => option !== 'edit' || isEditable(item))
                .map((option) => (
                  <label key={option}>
                    <input
                      type="radio"
                      name={name}
                      checked={choice === option}
                      onChange={() => setChoices((all) => ({ ...all, [item.path]: option }))}
                    />{' '}
                    {option === 'mine'
                      ? 'Keep mine'
                      : option === 'theirs'
                        ? 'Keep theirs'
                        : 'Edit merged'}
                  </label>
                ))}
            </div>
            {choice === 'edit' && (
              <MergeEditor
                id={`${name}-merged`}
                label={`Merged ${item.label}`}
                value={edits[item.path]}
                onChange={(value) => setEdits((all) => ({ ...all, [item.path]: value }))}
              />
            )}
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={resolve}>
        Save resolution
      </button>
    </section>
  );
}

const isBody = (item: MergeConflict) => item.path.endsWith('.body');
const isEditable = (item: MergeConflict) =>
  isBody(item) || (typeof item.theirs === 'string' && typeof item.mine === 'string');

/** An edited merge starts with both texts, theirs first, so neither is lost by default. */
function startingMerge(item: MergeConflict): unknown {
  if (isBody(item)) {
    const blocks = (doc: unknown) => ((doc as JSONContent | null)?.content ?? []) as JSONContent[];
    return { type: 'doc', content: [...blocks(item.theirs), ...blocks(item.mine)] };
  }
  if (typeof item.theirs === 'string' && typeof item.mine === 'string')
    return item.theirs && item.mine ? `${item.theirs} ${item.mine}` : item.theirs || item.mine;
  return item.mine;
}

function MergeEditor({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  if (typeof value === 'string') {
    return (
      <p className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} value={value} rows={3} onChange={(e) => onChange(e.target.value)} />
      </p>
    );
  }
  return <RichTextEditor id={id} label={label} value={value as JSONContent} onChange={onChange} />;
}

/** A conflicting value as an editor reads it. */
function ValueView({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '')
    return <p className="muted">(empty or deleted)</p>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return <p>{String(value)}</p>;
  if (isDoc(value)) return <Paragraphs doc={value} />;
  if (isSection(value)) {
    return (
      <>
        <p>
          <strong>{sectionLabel(value)}</strong>
        </p>
        <Paragraphs doc={value.body} />
      </>
    );
  }
  if (Array.isArray(value)) {
    return (
      <ul>
        {value.map((item, index) => (
          <li key={index}>{describe(item)}</li>
        ))}
      </ul>
    );
  }
  return <p>{describe(value)}</p>;
}

function Paragraphs({ doc }: { doc: JSONContent }) {
  const blocks = plainBlocks(doc);
  if (blocks.length === 0) return <p className="muted">(no text)</p>;
  return blocks.map((block, index) => <p key={index}>{block.text}</p>);
}

const isDoc = (value: unknown): value is JSONContent =>
  typeof value === 'object' && value !== null && (value as JSONContent).type === 'doc';
const isSection = (value: unknown): value is ReviewSection =>
  typeof value === 'object' && value !== null && 'heading' in value && 'body' in value;

/** Credits, genres, ratings and codes as one readable line. */
function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const record = value as Record<string, unknown>;
  if ('role' in record && 'name' in record)
    return `${String(record.name)}, ${String(record.role)}${record.character ? ` as ${String(record.character)}` : ''}`;
  if ('value' in record && 'scale' in record)
    return `${String(record.value)} / ${String(record.scale)}`;
  if ('name' in record) return String(record.name);
  return JSON.stringify(value);
}
