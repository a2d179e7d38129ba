import Image from '@tiptap/extension-image';
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit';
import type { AnyExtension } from '@tiptap/core';
import { isSafeHref } from './safe-href';

/** StarterKit as section bodies use it (the writing canvas takes the same, with its own document). */
export const STARTER_KIT_OPTIONS = {
  // Section headings are h2 on the page; headings inside a body sit below them.
  heading: { levels: [3, 4] },
  code: false,
  codeBlock: false,
  strike: false,
  underline: false,
  link: {
    openOnClick: false,
    autolink: true,
    defaultProtocol: 'https',
    protocols: ['http', 'https', 'mailto'],
    HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
    isAllowedUri: (url: string) => isSafeHref(url),
  },
} satisfies Partial<StarterKitOptions>;

/**
 * Images come from the media library only (src /media/<id>/<width>.webp), never inline data.
 * An image's caption is its `title`: with one, it is a figure with the caption under the image.
 */
export const ImageBlock = Image.extend({
  parseHTML() {
    return [
      {
        tag: 'figure',
        // A figure is read as its image, the caption taken from its figcaption.
        getAttrs: (figure) => {
          const img = figure.querySelector('img[src]:not([src^="data:"])');
          if (!img) return false;
          return {
            src: img.getAttribute('src'),
            alt: img.getAttribute('alt'),
            width: Number(img.getAttribute('width')) || null,
            height: Number(img.getAttribute('height')) || null,
            title: figure.querySelector('figcaption')?.textContent?.trim() || null,
          };
        },
      },
      { tag: 'img[src]:not([src^="data:"])' },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    const { title, ...image } = HTMLAttributes as Record<string, unknown>;
    if (typeof title !== 'string' || title === '') return ['img', image];
    return ['figure', { class: 'figure' }, ['img', image], ['figcaption', {}, title]];
  },
}).configure({ inline: false, allowBase64: false });

// The one extension list that defines what a section body may contain. The editor, the
// server-side validator and the public renderer all build from it, so they cannot drift.
export const richTextExtensions: AnyExtension[] = [
  StarterKit.configure(STARTER_KIT_OPTIONS),
  ImageBlock,
];
