'use client';

import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import type { PickedMedia } from '../media-picker';
import { useUpload } from './use-upload';

// An image on its way into the canvas: a file dropped, pasted or chosen is uploaded to the
// media library (with its progress), then its alt text (required) and caption (optional) are
// asked in place, and only then does the image go in, where it was dropped or at the cursor.

export type ImageStep =
  | { step: 'describe'; media: PickedMedia; alt: string; caption: string; error: string | null }
  | { step: 'failed'; message: string };

export const ALT_REQUIRED = 'Alt text is required: describe the image.';

export function useImageInsert(editor: Editor | null) {
  const [image, setImage] = useState<ImageStep | null>(null);
  // Where the image goes: the drop point, kept in step with edits made meanwhile; null for the
  // cursor.
  const at = useRef<number | null>(null);
  const upload = useUpload();

  useEffect(() => {
    if (!editor) return;
    const follow = ({ transaction }: { transaction: import('@tiptap/pm/state').Transaction }) => {
      if (at.current !== null && transaction.docChanged)
        at.current = transaction.mapping.map(at.current);
    };
    editor.on('transaction', follow);
    return () => {
      editor.off('transaction', follow);
    };
  }, [editor]);

  async function uploadFile(file: File, position: number | null = null) {
    at.current = position;
    setImage(null);
    const outcome = await upload.send(file);
    if (!outcome) return;
    setImage(
      outcome.ok
        ? {
            step: 'describe',
            media: outcome.media,
            alt: outcome.media.alt,
            caption: '',
            error: null,
          }
        : { step: 'failed', message: outcome.message },
    );
  }

  function pick(media: PickedMedia) {
    upload.cancel();
    at.current = null;
    setImage({ step: 'describe', media, alt: media.alt, caption: '', error: null });
  }

  function insert() {
    if (!editor || image?.step !== 'describe') return;
    const alt = image.alt.trim();
    if (!alt) {
      setImage({ ...image, error: ALT_REQUIRED });
      return;
    }
    const { media } = image;
    const node = {
      type: 'image',
      attrs: {
        src: `/media/${media.id}/1280.webp`,
        alt,
        title: image.caption.trim() || null,
        width: media.width,
        height: media.height,
      },
    };
    const chain = editor.chain().focus();
    (at.current === null
      ? chain.insertContent(node)
      : chain.insertContentAt(at.current, node)
    ).run();
    at.current = null;
    setImage(null);
  }

  function cancel() {
    upload.cancel();
    at.current = null;
    setImage(null);
    editor?.commands.focus();
  }

  return { image, setImage, uploading: upload.progress, uploadFile, pick, insert, cancel };
}
