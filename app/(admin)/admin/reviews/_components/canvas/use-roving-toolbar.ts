'use client';

import { useEffect, type RefObject } from 'react';

// The WAI-ARIA toolbar pattern: the toolbar is one Tab stop (the button last used, the first at
// the start) and the arrow keys, Home and End move between its buttons. Applied to whatever
// buttons the toolbar holds, including ones other components render into it.

const buttonsOf = (toolbar: HTMLElement) =>
  [...toolbar.querySelectorAll<HTMLButtonElement>(':scope > button')].filter(
    (button) => !button.disabled,
  );

export function useRovingToolbar(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const toolbar = ref.current;
    if (!toolbar) return;
    const makeCurrent = (current: HTMLElement | undefined) => {
      for (const button of toolbar.querySelectorAll<HTMLButtonElement>(':scope > button'))
        button.tabIndex = button === current ? 0 : -1;
    };
    // Buttons rendered later (or enabled later) join with tabindex -1 unless none is current.
    const refresh = () => {
      const buttons = buttonsOf(toolbar);
      const current = buttons.find((button) => button.tabIndex === 0) ?? buttons[0];
      makeCurrent(current);
    };
    refresh();
    const observer = new MutationObserver(refresh);
    observer.observe(toolbar, { childList: true, subtree: true, attributeFilter: ['disabled'] });
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLButtonElement) makeCurrent(event.target);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const buttons = buttonsOf(toolbar);
      const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (index < 0) return;
      const target =
        event.key === 'ArrowRight'
          ? buttons[(index + 1) % buttons.length]
          : event.key === 'ArrowLeft'
            ? buttons[(index - 1 + buttons.length) % buttons.length]
            : event.key === 'Home'
              ? buttons[0]
              : event.key === 'End'
                ? buttons[buttons.length - 1]
                : undefined;
      if (!target) return;
      event.preventDefault();
      target.focus();
    };
    toolbar.addEventListener('focusin', onFocusIn);
    toolbar.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      toolbar.removeEventListener('focusin', onFocusIn);
      toolbar.removeEventListener('keydown', onKeyDown);
    };
  }, [ref]);
}
