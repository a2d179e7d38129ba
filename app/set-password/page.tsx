import type { Metadata } from 'next';
import { isPasswordLinkValid } from '@/db/users/one-time-links';
import { SetPasswordForm } from './_components/set-password-form';

export const metadata: Metadata = { title: 'Choose a password', robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function SetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && (await isPasswordLinkValid(token));
  return (
    <main id="main" className="auth-page">
      <h1>Choose a password</h1>
      {valid ? (
        <SetPasswordForm token={token} />
      ) : (
        <p role="alert">This link has expired or was already used. Ask an admin for a new one.</p>
      )}
    </main>
  );
}
