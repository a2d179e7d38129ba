'use client';

/**
 * A formatting button: pressed when its mark or block is at the cursor, its shortcut in its
 * title, and an accessible name that starts with the visible text (WCAG 2.5.3) and says what
 * it does ("B: Bold").
 */
export function ToolbarButton({
  name,
  text,
  pressed,
  shortcut,
  disabled,
  onClick,
}: {
  name: string;
  text: string;
  pressed?: boolean;
  shortcut?: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-pressed={pressed}
      title={shortcut ? `${name} (${shortcut})` : name}
      aria-label={text === name || !/[a-z0-9]/i.test(text) ? name : `${text}: ${name}`}
      onClick={onClick}
      disabled={disabled}
    >
      {text}
    </button>
  );
}
