import type { Metadata } from 'next';
import { isSetupLinkValid, siteHasStaff } from '@/db/users/one-time-links';
import { SetupForm } from './_components/setup-form';

export const metadata: Metadata = { title: 'Set up', robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && (await isSetupLinkValid(token));
  return (
    <main id="main" className="auth-page">
      <h1>Create the first admin</h1>
      {valid ? (
        <SetupForm token={token} />
      ) : (await siteHasStaff()) ? (
        // Setup is over once anyone has an account: a restart prints no new link then.
        <p role="alert">
          This setup link was already used: the site has an admin. <a href="/login">Sign in</a>, or
          ask an admin to invite you or send you a password reset link.
        </p>
      ) : (
        <p role="alert">
          This setup link has expired. Restart the server to print a new one, or create an admin
          with <code>npm run user:create</code>.
        </p>
      )}
    </main>
  );
}
