import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { can } from '@/lib/auth/permissions';
import { guardPage } from '@/db/auth/page-guard';
import { SITE_NAME } from '@/lib/site';
import { SignOutButton } from './_components/sign-out-button';

export const metadata: Metadata = {
  title: { default: 'Admin', template: `%s · Admin · ${SITE_NAME}` },
  robots: { index: false },
};

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await guardPage('admin:access');
  return (
    <div className="admin">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="admin-header">
        <Link href="/admin" className="site-name">
          {SITE_NAME} <span className="admin-badge">Admin</span>
        </Link>
        <nav aria-label="Admin">
          <ul>
            <li>
              <Link href="/admin">Reviews</Link>
            </li>
            {can(user, 'review:create') && (
              <li>
                <Link href="/admin/import">Import</Link>
              </li>
            )}
            {can(user, 'media:upload') && (
              <li>
                <Link href="/admin/media">Media</Link>
              </li>
            )}
            {can(user, 'user:manage') && (
              <li>
                <Link href="/admin/users">Users</Link>
              </li>
            )}
            {can(user, 'audit:read') && (
              <li>
                <Link href="/admin/audit">Audit log</Link>
              </li>
            )}
            <li>
              <Link href="/">View site</Link>
            </li>
          </ul>
        </nav>
        <div className="admin-user">
          <span>
            {user.name} <span className="role-badge">{user.role}</span>
          </span>
          <SignOutButton userId={user.id} />
        </div>
      </header>
      <main id="main" className="admin-main">
        {children}
      </main>
    </div>
  );
}
