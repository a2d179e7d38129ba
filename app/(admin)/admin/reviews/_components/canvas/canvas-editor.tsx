'use client';

import { Extension } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import { TextSelection } from '@tiptap/pm/state';
import { EditorContent, ReactNodeViewRenderer, useEditor } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { useEffect, useMemo, useRef, useState } from 'react';
import { sectionsToDocument, type CanvasSection } from '@/lib/content/canvas/document';
import { canvasExtensions } from '@/lib/content/canvas/extensions';
import { createSectionReader } from '@/lib/content/canvas/read-sections';
import { SECTION_HEADING, SectionHeading } from '@/lib/content/canvas/section-heading';
import { sectionKeeper } from '@/lib/content/canvas/section-keeper';
import { spoilerBlocks } from '@/lib/content/canvas/spoiler-blocks';
import { deepEqual } from '@/lib/content/deep-equal';
import type { ReviewContent } from '@/lib/content/review-content';
import { countBodyWords, describeLength } from '@/lib/content/word-count';
import type { FieldErrors } from '../editor-types';
import { applyLink } from '../link-command';
import { CanvasToolbar } from './canvas-toolbar';
import { ImagePanel } from './image-panel';
import { InlineField } from './inline-field';
import { createSectionLengths } from './section-lengths';
import {
  HeadingContext,
  SectionHeadingView,
  type CanvasHeadingContext,
} from './section-heading-view';
import { SlashMenu, slashExtension, type SlashBridge, type SlashMenuState } from './slash-menu';
import { slashItems } from './slash-items';
import { useImageInsert } from './use-image-insert';
import './canvas.css';

type Sections = ReviewContent['sections'];

export const CANVAS_ID = 'review-canvas';

/**
 * The writing canvas: the review's sections as one document, each starting at its heading.
 * What is typed becomes ordered sections again at once (the same objects for the sections no
 * one touched), so the save path (versions, merge, conflicts, autosave, the copy kept on this
 * device) sees exactly what it saw with one editor per section. A change from outside (someone
 * else's merged edit, a restored copy, a resolved conflict) replaces the document.
 */
export function CanvasEditor({
  sections,
  onSections,
  errors,
  readOnly = false,
  label = 'Review text',
}: {
  sections: Sections;
  onSections: (sections: Sections) => void;
  errors: FieldErrors;
  readOnly?: boolean;
  label?: string;
}) {
  const reader = useMemo(() => createSectionReader(() => crypto.randomUUID()), []);
  const [lengths] = useState(() => {
    const store = createSectionLengths();
    store.update(sections);
    return store;
  });
  // The sections this editor last reported: the same array coming back is our own edit.
  const emitted = useRef<Sections | null>(null);
  const onSectionsRef = useRef(onSections);
  useEffect(() => {
    onSectionsRef.current = onSections;
  });

  const [slash, setSlash] = useState<SlashMenuState>(null);
  const slashRef = useRef<SlashMenuState>(null);
  const openImageRef = useRef<() => void>(() => undefined);
  const bridge = useMemo<SlashBridge>(
    () => ({
      items: () => slashItems(() => openImageRef.current()),
      show: (state) => {
        slashRef.current = state;
        setSlash(state);
      },
      current: () => slashRef.current,
    }),
    [],
  );
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const uploadRef = useRef<(file: File, at: number | null) => void>(() => undefined);
  const linkRef = useRef<() => void>(() => undefined);

  const editor = useEditor({
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    extensions: [
      ...canvasExtensions.filter((extension) => extension.name !== SECTION_HEADING),
      SectionHeading.extend({
        addNodeView: () =>
          ReactNodeViewRenderer(SectionHeadingView, {
            className: 'canvas-section-start',
            contentDOMElementTag: 'span',
          }),
      }),
      Extension.create({
        name: 'sectionKeeper',
        addProseMirrorPlugins: () => [sectionKeeper(), spoilerBlocks()],
      }),
      slashExtension(bridge),
      Placeholder.configure({
        showOnlyCurrent: false,
        placeholder: ({ node }) =>
          node.type.name === 'paragraph' ? 'Write this section, or type / to insert…' : '',
      }),
    ],
    content: sectionsToDocument(sections),
    editable: !readOnly,
    editorProps: {
      attributes: {
        id: CANVAS_ID,
        class: 'rich-text canvas-text',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'aria-autocomplete': 'list',
        ...(readOnly ? { 'aria-readonly': 'true' } : {}),
      },
      handleKeyDown: (_view, event) => {
        if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          linkRef.current();
          return true;
        }
        return false;
      },
      handleDrop: (view, event, _slice, moved) => {
        const file = moved ? undefined : imageFile(event.dataTransfer);
        if (!file) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
        uploadRef.current(file, at);
        return true;
      },
      handlePaste: (_view, event) => {
        const file = imageFile(event.clipboardData);
        if (!file) return false;
        event.preventDefault();
        uploadRef.current(file, null);
        return true;
      },
    },
    onUpdate: ({ editor: current }) => {
      const next = reader(current.state.doc) as Sections;
      emitted.current = next;
      lengths.update(next);
      onSectionsRef.current(next);
    },
  });

  const images = useImageInsert(editor);
  useEffect(() => {
    uploadRef.current = (file, at) => void images.uploadFile(file, at);
    openImageRef.current = () => document.getElementById('canvas-image-picker')?.click();
    linkRef.current = openLink;
  });

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  // A change from outside replaces the document; our own edits coming back do not.
  useEffect(() => {
    if (!editor || editor.isDestroyed || sections === emitted.current) return;
    emitted.current = sections;
    lengths.update(sections);
    if (deepEqual(reader(editor.state.doc), sections)) return;
    editor.commands.setContent(sectionsToDocument(sections), { emitUpdate: false });
  }, [editor, sections, reader, lengths]);

  function openLink() {
    if (!editor) return;
    images.setImage(null);
    setLinkError(null);
    setLinkDraft((editor.getAttributes('link').href as string | undefined) ?? '');
  }

  function confirmLink() {
    if (!editor || linkDraft === null) return;
    const refused = applyLink(editor, linkDraft);
    setLinkError(refused);
    if (!refused) setLinkDraft(null);
  }

  function addSection() {
    if (!editor) return;
    const end = editor.state.doc.content.size;
    editor
      .chain()
      .insertContentAt(end, [
        {
          type: SECTION_HEADING,
          attrs: { id: null, kind: 'custom', spoiler: false },
          content: [{ type: 'text', text: 'New section' }],
        },
        { type: 'paragraph' },
      ])
      // The new heading's text selected: typing names the section.
      .command(({ tr }) => {
        const headingStart = end + 1;
        tr.setSelection(
          TextSelection.create(tr.doc, headingStart, headingStart + 'New section'.length),
        );
        tr.scrollIntoView();
        return true;
      })
      .focus()
      .run();
  }

  // The save's messages by section id. Recomputed only when the messages or the order of the
  // sections change, so a keystroke does not re-render every heading.
  const order = sections.map((section) => section.id).join(' ');
  const headingContext = useMemo<CanvasHeadingContext>(() => {
    const ids = order.split(' ');
    const byId = new Map<string, string[]>();
    ids.forEach((id, index) => {
      const messages = [
        ...(errors[`sections.${index}.heading`] ?? []),
        ...(errors[`sections.${index}.body`] ?? []),
      ];
      if (messages.length) byId.set(id, messages);
    });
    return { lengths, errors: (id) => byId.get(id) };
  }, [lengths, order, errors]);

  const words = sections.reduce((sum, section) => sum + countBodyWords(section.body), 0);

  return (
    <section className="canvas" aria-labelledby="canvas-heading">
      <h2 id="canvas-heading" className="visually-hidden">
        The review’s text
      </h2>
      <div className="canvas-chrome">
        <CanvasToolbar
          editor={editor}
          disabled={readOnly || !editor}
          controls={CANVAS_ID}
          onLink={openLink}
          onPickImage={images.pick}
          onUploadImage={(file) => void images.uploadFile(file)}
        />
        <p className="field-hint word-count" id="review-length">
          Whole review: {describeLength(words)}
        </p>
        {linkDraft !== null && (
          <InlineField
            name="Link"
            inputs={[
              {
                id: 'canvas-link',
                label: 'Link address',
                type: 'url',
                placeholder: 'https://… or mailto:… or /path',
                value: linkDraft,
                onChange: (value) => {
                  setLinkDraft(value);
                  setLinkError(null);
                },
                error: linkError,
              },
            ]}
            applyLabel="Apply link"
            onApply={confirmLink}
            onCancel={() => {
              setLinkDraft(null);
              editor?.commands.focus();
            }}
          />
        )}
        <ImagePanel images={images} />
      </div>
      {errors.sections && (
        <p className="field-error" role="alert">
          {errors.sections.join(' ')}
        </p>
      )}
      <HeadingContext.Provider value={headingContext}>
        <EditorContent editor={editor} className="canvas-document" />
      </HeadingContext.Provider>
      {editor && (
        <BubbleMenu editor={editor} className="bubble-menu" aria-label="Selection">
          <BubbleButton
            label="Bold"
            text="B"
            run={() => editor.chain().focus().toggleBold().run()}
          />
          <BubbleButton
            label="Italic"
            text="I"
            run={() => editor.chain().focus().toggleItalic().run()}
          />
          <BubbleButton label="Link" text="Link" run={openLink} />
        </BubbleMenu>
      )}
      <SlashMenu state={slash} />
      <button
        type="button"
        id="add-section"
        className="button button-quiet"
        disabled={readOnly || !editor}
        onClick={addSection}
      >
        Add a section
      </button>
    </section>
  );
}

function BubbleButton({ label, text, run }: { label: string; text: string; run: () => void }) {
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={text === label ? label : `${text}: ${label}`}
      // The selection stays: pressing here must not move the focus out of the text first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
}

/** The first image file in a drop or a paste, if any. */
function imageFile(data: DataTransfer | null): File | undefined {
  return [...(data?.files ?? [])].find((file) => file.type.startsWith('image/'));
}

export type { CanvasSection };
