import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/db/auth/current-user';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  if (await getCurrentUser()) redirect('/admin');
  const params = await searchParams;
  const notice =
    params.setup === 'done'
      ? 'Your admin account is ready. Sign in to continue.'
      : params.password === 'set'
        ? 'Your password is set. Sign in to continue.'
        : null;
  return (
    <main id="main" className="auth-page">
      <h1>Sign in</h1>
      <p className="auth-intro">Staff sign-in for editors, writers and admins.</p>
      {notice && (
        <p role="status" className="form-message success">
          {notice}
        </p>
      )}
      <LoginForm />
    </main>
  );
}
