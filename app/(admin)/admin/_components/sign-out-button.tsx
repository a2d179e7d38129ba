'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { removeLocalDraftsOf } from '../reviews/_components/local-draft';

/** Signs out, and first removes this person's unsent edits from the device. */
export function SignOutButton({ userId }: { userId: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button button-quiet"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // The sign-out event revokes the server-side session, so the old cookie is dead too.
        removeLocalDraftsOf(userId);
        await signOut({ redirect: false });
        router.replace('/login');
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
