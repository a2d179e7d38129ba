import { NotFoundMessage } from '@/components/not-found-message';

// A reader page that called notFound(): inside the reader layout, which has the <main>.
export default function NotFound() {
  return <NotFoundMessage />;
}
