import { NotFoundMessage } from '@/components/not-found-message';

// Addresses that match no route at all: rendered under the root layout alone.
export default function NotFound() {
  return (
    <main id="main" className="site-main">
      <NotFoundMessage />
    </main>
  );
}
