'use client';

import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useRef } from 'react';
import { SECTION_HEADING } from '@/lib/content/canvas/section-heading';
import { MediaPicker, type PickedMedia } from '../media-picker';
import { ToolbarButton } from '../toolbar-button';
import { useRovingToolbar } from './use-roving-toolbar';

/**
 * The canvas's one toolbar, sticky above the text: a single Tab stop, the arrow keys between
 * its buttons. Each button says its shortcut; the slash menu and the selection's bubble offer
 * the same without leaving the keyboard's home row.
 */
export function CanvasToolbar({
  editor,
  disabled,
  controls,
  onLink,
  onPickImage,
  onUploadImage,
}: {
  editor: Editor | null;
  /** No editor yet, or the review is read-only for this person. */
  disabled: boolean;
  /** The id of the editable text the toolbar acts on. */
  controls: string;
  onLink: () => void;
  onPickImage: (media: PickedMedia) => void;
  onUploadImage: (file: File) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useRovingToolbar(ref);
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current
        ? {
            section: current.isActive(SECTION_HEADING),
            subheading: current.isActive('heading', { level: 3 }),
            bold: current.isActive('bold'),
            italic: current.isActive('italic'),
            link: current.isActive('link'),
            bulletList: current.isActive('bulletList'),
            orderedList: current.isActive('orderedList'),
            blockquote: current.isActive('blockquote'),
          }
        : null,
  });
  const chain = () => editor!.chain().focus();
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
      disabled={disabled}
      onClick={run}
    />
  );
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Formatting"
      aria-controls={controls}
      className="toolbar canvas-toolbar"
    >
      {button(
        'Section',
        state?.section,
        () => chain().setNode(SECTION_HEADING, { id: null }).run(),
        'Section',
        'Ctrl+Alt+2 or ## ',
      )}
      {button(
        'Subheading',
        state?.subheading,
        () => chain().toggleHeading({ level: 3 }).run(),
        'H3',
        'Ctrl+Alt+3',
      )}
      {button('Bold', state?.bold, () => chain().toggleBold().run(), 'B', 'Ctrl+B')}
      {button('Italic', state?.italic, () => chain().toggleItalic().run(), 'I', 'Ctrl+I')}
      {button('Link', state?.link, onLink, 'Link', 'Ctrl+K')}
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
        triggerClassName="toolbar-button"
        triggerId="canvas-image-picker"
        disabled={disabled}
        onPick={onPickImage}
        onUpload={onUploadImage}
      />
      {button('Undo', undefined, () => chain().undo().run(), '↶', 'Ctrl+Z')}
      {button('Redo', undefined, () => chain().redo().run(), '↷', 'Ctrl+Shift+Z')}
    </div>
  );
}
