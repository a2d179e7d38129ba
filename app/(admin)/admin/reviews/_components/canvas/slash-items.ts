import type { Editor, Range } from '@tiptap/core';
import { SECTION_HEADING } from '@/lib/content/canvas/section-heading';
import { STANDARD_SECTIONS, type SectionKind } from '@/lib/content/vocabulary';

// What "/" at the start of a line offers: new sections (of each kind, or a spoiler section) and
// the blocks a section body holds. Each item replaces the "/query" typed with what it inserts.

export type SlashItem = {
  id: string;
  label: string;
  /** Said after the label: what the item inserts. */
  description: string;
  /** Other words that find it ("h3", "bullet"). */
  keywords: readonly string[];
  run: (editor: Editor, range: Range) => void;
};

/** Turns the line into a section heading, with the standard heading text of `kind` if any. */
function startSection(kind: SectionKind, spoiler: boolean, text: string) {
  return (editor: Editor, range: Range) => {
    const chain = editor
      .chain()
      .focus()
      .deleteRange(range)
      .setNode(SECTION_HEADING, { id: null, kind, spoiler });
    (text ? chain.insertContent(text) : chain).run();
  };
}

export function slashItems(openImage: () => void): SlashItem[] {
  return [
    {
      id: 'section',
      label: 'Section',
      description: 'a new section with a heading of your own',
      keywords: ['heading', 'h2', 'custom'],
      run: startSection('custom', false, ''),
    },
    {
      id: 'spoiler-section',
      label: 'Spoiler section',
      description: 'a section readers open to read',
      keywords: ['spoilers', 'ending'],
      run: startSection('custom', true, ''),
    },
    ...STANDARD_SECTIONS.map(({ kind, heading }) => ({
      id: `section-${kind}`,
      label: heading,
      description: 'section',
      keywords: ['section', kind],
      run: startSection(kind, false, heading),
    })),
    {
      id: 'subheading',
      label: 'Subheading',
      description: 'a heading inside this section',
      keywords: ['h3', 'heading'],
      run: (editor, range) =>
        editor.chain().focus().deleteRange(range).setNode('heading', { level: 3 }).run(),
    },
    {
      id: 'bullet-list',
      label: 'Bulleted list',
      description: 'a list with bullets',
      keywords: ['ul', 'unordered', 'bullet', 'list'],
      run: (editor, range) => editor.chain().focus().deleteRange(range).toggleBulletList().run(),
    },
    {
      id: 'numbered-list',
      label: 'Numbered list',
      description: 'a list with numbers',
      keywords: ['ol', 'ordered', 'list'],
      run: (editor, range) => editor.chain().focus().deleteRange(range).toggleOrderedList().run(),
    },
    {
      id: 'quote',
      label: 'Quote',
      description: 'a block quotation',
      keywords: ['blockquote', 'citation'],
      run: (editor, range) => editor.chain().focus().deleteRange(range).toggleBlockquote().run(),
    },
    {
      id: 'rule',
      label: 'Divider',
      description: 'a horizontal rule',
      keywords: ['rule', 'hr', 'separator', 'line'],
      run: (editor, range) => editor.chain().focus().deleteRange(range).setHorizontalRule().run(),
    },
    {
      id: 'image',
      label: 'Image',
      description: 'upload one or choose from the library',
      keywords: ['picture', 'photo', 'still', 'upload'],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).run();
        openImage();
      },
    },
  ];
}

/** The items whose label or keywords start with a word of `query`, best first. */
export function filterSlashItems(items: readonly SlashItem[], query: string): SlashItem[] {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return [...items];
  const words = (item: SlashItem) => [
    ...item.label.toLowerCase().split(/\s+/),
    ...item.keywords.map((keyword) => keyword.toLowerCase()),
  ];
  const starts = items.filter((item) => item.label.toLowerCase().startsWith(wanted));
  const others = items.filter(
    (item) => !starts.includes(item) && words(item).some((word) => word.startsWith(wanted)),
  );
  return [...starts, ...others];
}
