'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';

/** A submit button that is disabled while its form is being sent. */
export function SubmitButton({
  children,
  pendingLabel,
  className,
}: {
  children: ReactNode;
  pendingLabel?: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={className ?? 'button'}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
