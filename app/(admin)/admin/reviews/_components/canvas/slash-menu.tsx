'use client';

import { Extension, type Editor, type Range } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion from '@tiptap/suggestion';
import { useEffect, useRef } from 'react';
import { filterSlashItems, type SlashItem } from './slash-items';

// The slash menu: "/" at the start of a line opens a list of what can be inserted there,
// filtered by what follows the slash, chosen with the arrow keys and Enter (or a click), closed
// with Escape. It is an ARIA listbox the editor points at (aria-controls and
// aria-activedescendant on the editable text), so a screen reader follows the highlighted
// option while the focus stays in the text.

export const SLASH_MENU_ID = 'slash-menu';
const optionId = (index: number) => `${SLASH_MENU_ID}-option-${index}`;

export type SlashMenuState = {
  items: SlashItem[];
  active: number;
  /** Where the "/query" is, to place the menu under it. */
  rect: { left: number; bottom: number } | null;
  choose: (item: SlashItem) => void;
} | null;

/** How the plugin (outside React) reaches the canvas's state. */
export type SlashBridge = {
  items: () => SlashItem[];
  show: (state: SlashMenuState) => void;
  current: () => SlashMenuState;
};

function describeTo(editor: Editor, state: SlashMenuState) {
  const dom = editor.view.dom;
  if (state && state.items.length > 0) {
    dom.setAttribute('aria-controls', SLASH_MENU_ID);
    dom.setAttribute('aria-activedescendant', optionId(state.active));
  } else {
    dom.removeAttribute('aria-controls');
    dom.removeAttribute('aria-activedescendant');
  }
}

export function slashExtension(bridge: SlashBridge) {
  return Extension.create({
    name: 'slashMenu',
    addProseMirrorPlugins() {
      const editor = this.editor;
      const open = (props: {
        items: SlashItem[];
        range: Range;
        clientRect?: (() => DOMRect | null) | null;
        command: (item: SlashItem) => void;
      }) => {
        const rect = props.clientRect?.() ?? null;
        const state: SlashMenuState = {
          items: props.items,
          active: 0,
          rect: rect ? { left: rect.left, bottom: rect.bottom } : null,
          choose: (item) => props.command(item),
        };
        bridge.show(state);
        describeTo(editor, state);
      };
      return [
        Suggestion<SlashItem, SlashItem>({
          pluginKey: new PluginKey('slashMenu'),
          editor,
          char: '/',
          startOfLine: true,
          allowSpaces: false,
          items: ({ query }) => filterSlashItems(bridge.items(), query),
          command: ({ editor: current, range, props: item }) => item.run(current, range),
          render: () => ({
            onStart: open,
            onUpdate: open,
            onExit: () => {
              bridge.show(null);
              describeTo(editor, null);
            },
            onKeyDown: ({ event }) => {
              const state = bridge.current();
              if (!state || state.items.length === 0) return false;
              const count = state.items.length;
              const move = (active: number) => {
                const next = { ...state, active };
                bridge.show(next);
                describeTo(editor, next);
                return true;
              };
              if (event.key === 'ArrowDown') return move((state.active + 1) % count);
              if (event.key === 'ArrowUp') return move((state.active - 1 + count) % count);
              if (event.key === 'Enter' || event.key === 'Tab') {
                state.choose(state.items[state.active]!);
                return true;
              }
              if (event.key === 'Escape') {
                bridge.show(null);
                describeTo(editor, null);
                return true;
              }
              return false;
            },
          }),
        }),
      ];
    },
  });
}

/** The open slash menu, under the text typed. */
export function SlashMenu({ state }: { state: SlashMenuState }) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [state?.active]);
  if (!state) return null;
  return (
    <div
      className="slash-menu"
      style={state.rect ? { left: state.rect.left, top: state.rect.bottom + 4 } : undefined}
    >
      {state.items.length === 0 ? (
        <p className="slash-menu-empty" role="status">
          Nothing matches: keep typing, or press Escape.
        </p>
      ) : (
        <ul ref={list} role="listbox" id={SLASH_MENU_ID} aria-label="Insert">
          {state.items.map((item, index) => (
            <li
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === state.active}
              // The text keeps the focus: a press here must not take it away first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => state.choose(item)}
            >
              <span className="slash-menu-label">{item.label}</span>{' '}
              <span className="slash-menu-description">{item.description}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
