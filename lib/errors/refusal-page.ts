import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { isAppError } from './app-error';

// The page transport: a refusal raised while a page loads becomes the page that explains it.
// Not signed in goes to the sign-in page (where the proxy sends a visitor without a session
// cookie), not allowed is the 403 page, nothing there the 404 page. Input or workflow refusals do not
// happen while a page reads, so they, like any other error, go on to the error page.

/** Runs a page's data load, turning its refusals into the sign-in, 403 or 404 page. */
export async function orRefusalPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error)) {
      switch (error.code) {
        case 'unauthenticated':
          return redirect('/login');
        case 'forbidden':
          return forbidden();
        case 'not_found':
          return notFound();
      }
    }
    throw error;
  }
}
