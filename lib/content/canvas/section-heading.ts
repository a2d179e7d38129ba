import { Node, mergeAttributes, textblockTypeInputRule } from '@tiptap/core';

// The node that starts a section on the writing canvas (one Tiptap document for the whole
// review): an h2 carrying the section's stable id, kind and spoiler flag. Everything after it,
// up to the next one, is that section's body. Stored reviews keep ordered sections; document.ts
// maps between the two.

export const SECTION_HEADING = 'sectionHeading';

export const SectionHeading = Node.create({
  name: SECTION_HEADING,
  // Not in the "block" group: a section body holds blocks, and only the document holds these.
  group: 'section',
  content: 'text*',
  marks: '',
  defining: true,
  addAttributes() {
    return {
      id: { default: null, parseHTML: (element) => element.getAttribute('data-section-id') },
      kind: { default: 'custom', parseHTML: (element) => element.getAttribute('data-kind') },
      spoiler: {
        default: false,
        parseHTML: (element) => element.getAttribute('data-spoiler') === 'true',
      },
    };
  },
  parseHTML() {
    return [
      { tag: 'h2[data-section-id]' },
      // An article pasted from elsewhere: its top headings start sections (the section keeper
      // gives each an id and a kind from its text). Body headings stay h3 and h4.
      { tag: 'h1', attrs: { id: null }, priority: 40 },
      { tag: 'h2', attrs: { id: null }, priority: 40 },
    ];
  },
  addInputRules() {
    // "## " at the start of a paragraph starts a section, as in Markdown.
    return [
      textblockTypeInputRule({ find: /^##\s$/, type: this.type, getAttributes: { id: null } }),
    ];
  },
  addKeyboardShortcuts() {
    return { 'Mod-Alt-2': () => this.editor.commands.setNode(this.name, { id: null }) };
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'h2',
      mergeAttributes(HTMLAttributes, {
        'data-section-id': node.attrs.id,
        'data-kind': node.attrs.kind,
        'data-spoiler': node.attrs.spoiler ? 'true' : 'false',
        id: null,
        kind: null,
        spoiler: null,
      }),
      0,
    ];
  },
});
