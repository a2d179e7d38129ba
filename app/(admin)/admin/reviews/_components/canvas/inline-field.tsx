'use client';

import type { ReactNode } from 'react';

// A small form in the flow of the canvas (never a browser prompt or a modal): the link address,
// an image's alt text and caption. Enter applies, Escape cancels; the message sits under the
// field it is about and the field keeps what was typed.

export type InlineInput = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'url';
  maxLength?: number;
  required?: boolean;
  error?: string | null;
  hint?: string;
};

export function InlineField({
  name,
  inputs,
  applyLabel,
  onApply,
  onCancel,
  children,
  className = 'inline-field',
}: {
  /** What the group is for ("Link"), as assistive technology announces it. */
  name: string;
  inputs: InlineInput[];
  applyLabel: string;
  onApply: () => void;
  onCancel: () => void;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={className} role="group" aria-label={name}>
      {children}
      {inputs.map((input, index) => {
        const message = input.error ? `${input.id}-error` : input.hint ? `${input.id}-hint` : null;
        return (
          <div className="inline-field-row" key={input.id}>
            <label htmlFor={input.id}>{input.label}</label>
            <input
              id={input.id}
              type={input.type ?? 'text'}
              autoFocus={index === 0}
              required={input.required}
              maxLength={input.maxLength}
              placeholder={input.placeholder}
              value={input.value}
              aria-invalid={input.error ? true : undefined}
              aria-describedby={message ?? undefined}
              onChange={(event) => input.onChange(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  onApply();
                } else if (event.key === 'Escape') {
                  event.preventDefault();
                  onCancel();
                }
              }}
            />
            {input.error ? (
              <p className="field-error" id={`${input.id}-error`}>
                {input.error}
              </p>
            ) : (
              input.hint && (
                <p className="field-hint" id={`${input.id}-hint`}>
                  {input.hint}
                </p>
              )
            )}
          </div>
        );
      })}
      <div className="inline-field-actions">
        <button type="button" className="button button-small" onClick={onApply}>
          {applyLabel}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
