'use client';

import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { createContext, useContext, useId, useRef, useSyncExternalStore } from 'react';
import { moveSection, removeSection, sectionRanges } from '@/lib/content/canvas/section-ranges';
import { SECTION_KINDS, SECTION_KIND_LABELS, type SectionKind } from '@/lib/content/vocabulary';
import { describeLength } from '@/lib/content/word-count';
import type { SectionLengths } from './section-lengths';

/** What every heading on the canvas reads from the canvas around it. */
export type CanvasHeadingContext = {
  lengths: SectionLengths;
  /** Per section id: the messages the last save gave its heading or body. */
  errors: (id: string) => string[] | undefined;
};
export const HeadingContext = createContext<CanvasHeadingContext | null>(null);

const never = () => () => undefined;

/**
 * A section heading on the canvas: the heading text (edited in place, as part of the one
 * document), and beside it the section's kind, its spoiler flag, its length, and a menu to move
 * or remove the section. The controls are outside the editable text, so the heading's text is
 * all that is typed into.
 */
export function SectionHeadingView({ node, editor, getPos, updateAttributes }: ReactNodeViewProps) {
  const context = useContext(HeadingContext);
  const id = String(node.attrs.id);
  const words = useSyncExternalStore(
    context?.lengths.subscribe ?? never,
    () => context?.lengths.words(id) ?? 0,
    () => context?.lengths.words(id) ?? 0,
  );
  const controlId = useId();
  const menu = useRef<HTMLDetailsElement>(null);
  const heading = node.textContent;
  const position = typeof getPos === 'function' ? getPos() : undefined;
  const first = position === 0;
  const name = heading || (first ? 'Opening' : 'Untitled section');
  const kind = node.attrs.kind as SectionKind;
  const spoiler = node.attrs.spoiler === true;
  const editable = editor.isEditable;
  const errors = context?.errors(id);
  const empty = useSyncExternalStore(
    context?.lengths.subscribe ?? never,
    () => context?.lengths.empty(id) ?? true,
    () => context?.lengths.empty(id) ?? true,
  );

  const run = (change: (tr: typeof editor.state.tr) => boolean, focusAfter?: 'previous') => {
    const tr = editor.state.tr;
    const before = sectionRanges(editor.state.doc).findIndex((range) => range.id === id);
    if (!change(tr)) return;
    editor.view.dispatch(tr);
    menu.current?.removeAttribute('open');
    if (focusAfter === 'previous') {
      // After a removal the focus goes to the section before (or the new first one).
      const ranges = sectionRanges(editor.state.doc);
      const target = ranges[Math.max(0, before - 1)];
      if (target)
        editor
          .chain()
          .focus()
          .setTextSelection(target.from + 1)
          .run();
    } else editor.commands.focus();
  };

  return (
    <NodeViewWrapper
      className="canvas-heading"
      data-spoiler={spoiler ? 'true' : undefined}
      data-section-id={id}
    >
      <NodeViewContent<'h2'>
        as="h2"
        className="canvas-heading-text"
        data-placeholder={first ? 'Opening (no heading): start writing below' : 'Section heading'}
        aria-invalid={errors ? true : undefined}
      />
      <div className="canvas-heading-controls" contentEditable={false}>
        <label className="visually-hidden" htmlFor={`${controlId}-kind`}>
          Kind of “{name}”
        </label>
        <select
          id={`${controlId}-kind`}
          className="canvas-kind"
          value={kind}
          disabled={!editable}
          onChange={(event) => updateAttributes({ kind: event.target.value })}
        >
          {SECTION_KINDS.map((option) => (
            <option key={option} value={option}>
              {SECTION_KIND_LABELS[option]}
            </option>
          ))}
        </select>
        <label className="choice canvas-spoiler">
          <input
            type="checkbox"
            checked={spoiler}
            disabled={!editable}
            onChange={(event) => updateAttributes({ spoiler: event.target.checked })}
          />
          Spoilers
        </label>
        <span className="word-count">{describeLength(words)}</span>
        {empty && <span className="empty-section-badge">Empty: will not be published</span>}
        {editable && (
          <details className="canvas-heading-menu" ref={menu}>
            <summary aria-label={`Section options for “${name}”`}>⋯</summary>
            <div className="canvas-heading-menu-items">
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => run((tr) => moveSection(tr, id, -1))}
              >
                Move “{name}” up
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => run((tr) => moveSection(tr, id, 1))}
              >
                Move “{name}” down
              </button>
              <button
                type="button"
                className="button button-small button-quiet button-danger"
                onClick={() => {
                  if (window.confirm(`Remove the section “${name}” and its text?`))
                    run((tr) => removeSection(tr, id), 'previous');
                }}
              >
                Remove “{name}”
              </button>
            </div>
          </details>
        )}
      </div>
      {errors && (
        <p className="field-error canvas-heading-error" contentEditable={false}>
          {errors.join(' ')}
        </p>
      )}
    </NodeViewWrapper>
  );
}
