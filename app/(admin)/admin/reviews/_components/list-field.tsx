'use client';

import { useState } from 'react';
import { TextField } from '@/components/ui/field';

/**
 * A comma-separated list typed as text ("KR, US"). The text is kept exactly as typed; the
 * parsed list goes to the content.
 */
export function ListField({
  label,
  name,
  hint,
  values,
  format,
  parse,
  errors,
  onChange,
  list,
}: {
  label: string;
  name: string;
  hint: string;
  values: string[];
  format: (values: string[]) => string;
  parse: (item: string) => string;
  errors?: string[];
  onChange: (values: string[]) => void;
  list?: string;
}) {
  const [text, setText] = useState(() => format(values));
  return (
    <TextField
      label={label}
      name={name}
      hint={hint}
      value={text}
      errors={errors}
      list={list}
      onChange={(event) => {
        setText(event.target.value);
        onChange(
          event.target.value
            .split(',')
            .map((item) => parse(item.trim()))
            .filter((item) => item.length > 0),
        );
      }}
    />
  );
}
