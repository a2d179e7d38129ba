'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

// One generic message for any failure, so the form never reveals whether an email exists.
const GENERIC_ERROR = 'The email or password is incorrect.';
// Locks last 15 minutes to an hour (db/auth/config.ts); a browser that has signed in to the
// account before keeps a budget of its own, so the owner is not locked out by someone else.
const LOCKED_ERROR = 'Too many failed attempts. Wait a while before trying again.';

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
        // Not the default (this page's own address, whatever its query holds): the form always
        // goes to /admin, so next-auth's callback-url cookie holds only that.
        callbackUrl: '/admin',
      });
      if (result?.ok && !result.error) {
        router.replace('/admin');
        router.refresh();
        return;
      }
      setError(result?.error === 'locked' ? LOCKED_ERROR : GENERIC_ERROR);
    } catch {
      setError('Signing in failed. Check your connection and try again.');
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="form auth-form" noValidate>
      <div role="alert" aria-live="assertive" className="form-message error">
        {error}
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
