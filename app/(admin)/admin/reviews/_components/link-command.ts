'use client';

import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { isSafeHref } from '@/lib/content/rich-text/safe-href';

export const BAD_LINK =
  'That link is not allowed: use an http, https or mailto address, or a path on this site.';

/**
 * Links the selection (or the link at the cursor) to `address`; an empty address removes the
 * link. Returns the message to show when the address is refused, else null. The cursor is left
 * after the link, not the link selected: the next key typed must not replace the linked words.
 */
export function applyLink(editor: Editor, address: string): string | null {
  const href = address.trim();
  if (href === '') {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    return null;
  }
  if (!isSafeHref(href)) return BAD_LINK;
  editor
    .chain()
    .focus()
    .extendMarkRange('link')
    .setLink({ href })
    .command(({ tr }) => {
      tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
      return true;
    })
    .run();
  return null;
}
