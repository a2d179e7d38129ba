import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { isTokenValid } from '@/db/users/setup';
import { SetupForm } from './_components/setup-form';

export const metadata: Metadata = { title: 'Set up', robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && (await isTokenValid(getDb(), token, ['setup']));
  return (
    <main id="main" className="auth-page">
      <h1>Create the first admin</h1>
      {valid ? (
        <SetupForm token={token} />
      ) : (
        <p role="alert">
          This setup link has expired or was already used. Restart the server to print a new one, or
          create an admin with <code>npm run user:create</code>.
        </p>
      )}
    </main>
  );
}
