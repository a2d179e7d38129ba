import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/db/auth/current-user';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

export default async function LoginPage() {
  if (await getCurrentUser()) redirect('/admin');
  return (
    <main id="main" className="auth-page">
      <h1>Sign in</h1>
      <p className="auth-intro">Staff sign-in for editors, writers and admins.</p>
      <LoginForm />
    </main>
  );
}
