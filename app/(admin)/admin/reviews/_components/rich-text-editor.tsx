'use client';

import type { JSONContent } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { deepEqual } from '@/lib/content/deep-equal';
import { countBodyWords, describeLength } from '@/lib/content/word-count';
import { richTextExtensions } from '@/lib/content/rich-text/extensions';
import { applyLink } from './link-command';
import { MediaPicker } from './media-picker';
import { ToolbarButton } from './toolbar-button';

/** An image chosen from the library, waiting for its alt text. */
type ImageDraft = {
  media: { id: number; alt: string; width: number; height: number };
  alt: string;
  error: string | null;
};

type Props = {
  id: string;
  label: string;
  value: JSONContent;
  onChange: (doc: JSONContent) => void;
  error?: string[];
  /** Shown, not editable (the review is read-only for this person). */
  readOnly?: boolean;
};

/**
 * A section body in Tiptap, built from the same extension list the server validates and the
 * public page renders with. Toolbar buttons have shortcuts: Ctrl/Cmd+B, I, K (link), Z, Shift+Z.
 */
export function RichTextEditor({ id, label, value, onChange, error, readOnly = false }: Props) {
  const [linkError, setLinkError] = useState<string | null>(null);
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      ...richTextExtensions,
      Placeholder.configure({ placeholder: 'Write this section…' }),
    ],
    content: value,
    editable: !readOnly,
    editorProps: {
      attributes: {
        id,
        class: 'rich-text rich-text-editor',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(readOnly ? { 'aria-readonly': 'true' } : {}),
        ...(error?.length ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {}),
      },
      handleKeyDown: (_view, event) => {
        if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          promptForLink();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON()),
  });

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  // The editor owns its document while someone types; a new `value` from outside (someone
  // else's merged change, a recovered draft, a conflict resolution) replaces it.
  useEffect(() => {
    if (editor && !editor.isDestroyed && !deepEqual(value, editor.getJSON()))
      editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  const state = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current
        ? {
            bold: current.isActive('bold'),
            italic: current.isActive('italic'),
            link: current.isActive('link'),
            h3: current.isActive('heading', { level: 3 }),
            h4: current.isActive('heading', { level: 4 }),
            bulletList: current.isActive('bulletList'),
            orderedList: current.isActive('orderedList'),
            blockquote: current.isActive('blockquote'),
            canUndo: current.can().undo(),
            canRedo: current.can().redo(),
          }
        : null,
  });

  // The link address is typed in a small form under the toolbar rather than a browser prompt,
  // so it can be labelled, validated in place and used with the keyboard alone.
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  // So is a chosen image's alt text, before the image goes in.
  const [imageDraft, setImageDraft] = useState<ImageDraft | null>(null);

  function insertImage() {
    if (!editor || imageDraft === null) return;
    const alt = imageDraft.alt.trim();
    if (!alt) {
      setImageDraft({ ...imageDraft, error: 'Alt text is required: describe the image.' });
      return;
    }
    const { media } = imageDraft;
    editor
      .chain()
      .focus()
      .setImage({
        src: `/media/${media.id}/1280.webp`,
        alt,
        width: media.width,
        height: media.height,
      })
      .run();
    setImageDraft(null);
  }

  function promptForLink() {
    if (!editor) return;
    setLinkError(null);
    setLinkDraft((editor.getAttributes('link').href as string | undefined) ?? '');
  }

  function confirmLink() {
    if (!editor || linkDraft === null) return;
    const refused = applyLink(editor, linkDraft);
    setLinkError(refused);
    if (!refused) setLinkDraft(null);
  }

  const button = (
    name: string,
    pressed: boolean | undefined,
    run: () => void,
    text: string,
    shortcut?: string,
  ) => (
    <ToolbarButton
      name={name}
      text={text}
      pressed={pressed}
      shortcut={shortcut}
      disabled={!editor}
      onClick={run}
    />
  );
  const chain = () => editor!.chain().focus();

  return (
    <div className="rich-text-field">
      <div
        role="toolbar"
        aria-label={`Formatting for ${label}`}
        aria-controls={id}
        className="toolbar"
      >
        {button('Paragraph', false, () => chain().setParagraph().run(), '¶')}
        {button('Heading 3', state?.h3, () => chain().toggleHeading({ level: 3 }).run(), 'H3')}
        {button('Heading 4', state?.h4, () => chain().toggleHeading({ level: 4 }).run(), 'H4')}
        {button('Bold', state?.bold, () => chain().toggleBold().run(), 'B', 'Ctrl+B')}
        {button('Italic', state?.italic, () => chain().toggleItalic().run(), 'I', 'Ctrl+I')}
        {button('Link', state?.link, promptForLink, 'Link', 'Ctrl+K')}
        {button('Bullet list', state?.bulletList, () => chain().toggleBulletList().run(), '• List')}
        {button(
          'Numbered list',
          state?.orderedList,
          () => chain().toggleOrderedList().run(),
          '1. List',
        )}
        {button('Quote', state?.blockquote, () => chain().toggleBlockquote().run(), '“ ”')}
        {button('Horizontal rule', false, () => chain().setHorizontalRule().run(), '—')}
        <MediaPicker
          label="Image"
          onPick={(media) => {
            setLinkError(null);
            setLinkDraft(null);
            setImageDraft({ media, alt: media.alt, error: null });
          }}
        />
        {button('Undo', undefined, () => chain().undo().run(), '↶', 'Ctrl+Z')}
        {button('Redo', undefined, () => chain().redo().run(), '↷', 'Ctrl+Shift+Z')}
      </div>
      {linkDraft !== null && (
        <div className="link-form">
          <label htmlFor={`${id}-link`}>Link address</label>
          <input
            id={`${id}-link`}
            type="url"
            autoFocus
            placeholder="https://… or mailto:… or /path"
            value={linkDraft}
            onChange={(event) => setLinkDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                confirmLink();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                setLinkDraft(null);
                editor?.commands.focus();
              }
            }}
          />
          <button type="button" className="button button-small" onClick={confirmLink}>
            Apply link
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => setLinkDraft(null)}
          >
            Cancel
          </button>
        </div>
      )}
      {imageDraft !== null && (
        <div className="link-form">
          <label htmlFor={`${id}-alt`}>Alt text for this image</label>
          <input
            id={`${id}-alt`}
            autoFocus
            required
            maxLength={500}
            value={imageDraft.alt}
            aria-invalid={imageDraft.error ? true : undefined}
            aria-describedby={imageDraft.error ? `${id}-alt-error` : `${id}-alt-hint`}
            onChange={(event) =>
              setImageDraft({ ...imageDraft, alt: event.target.value, error: null })
            }
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                insertImage();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                setImageDraft(null);
                editor?.commands.focus();
              }
            }}
          />
          <button type="button" className="button button-small" onClick={insertImage}>
            Insert image
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => setImageDraft(null)}
          >
            Cancel
          </button>
          {imageDraft.error ? (
            <p className="field-error" id={`${id}-alt-error`}>
              {imageDraft.error}
            </p>
          ) : (
            <p className="field-hint" id={`${id}-alt-hint`}>
              Describe the image for people who cannot see it.
            </p>
          )}
        </div>
      )}
      <EditorContent editor={editor} />
      {/* From the stored body, so it is right before the editor has loaded. */}
      <p className="field-hint word-count" id={`${id}-length`}>
        {describeLength(countBodyWords(value))}
      </p>
      {(linkError || error?.length) && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {linkError ?? error?.join(' ')}
        </p>
      )}
    </div>
  );
}
