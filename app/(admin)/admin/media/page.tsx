import Link from 'next/link';
import { z } from 'zod';
import { listMedia } from '@/db/media/media';
import { guardPage } from '@/lib/auth/page-guard';
import { can } from '@/lib/auth/permissions';
import { MediaGrid } from './_components/media-grid';
import { UploadForm } from './_components/upload-form';

export const metadata = { title: 'Media' };

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MediaPage({ searchParams }: Props) {
  const user = await guardPage('admin:access');
  const raw = (await searchParams).page;
  const page = pageSchema.parse(Array.isArray(raw) ? raw[0] : raw);
  const { items, hasNext } = await listMedia({ page });
  return (
    <>
      <h1>Media</h1>
      {can(user, 'media:upload') && (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload an image</h2>
          <UploadForm />
        </section>
      )}
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Library</h2>
        {items.length === 0 ? (
          <p>{page === 1 ? 'No images yet.' : 'No images on this page.'}</p>
        ) : (
          <MediaGrid items={items} />
        )}
        <nav className="pagination" aria-label="Pages">
          {page > 1 && <Link href={`/admin/media?page=${page - 1}`}>Newer</Link>}
          <span>Page {page}</span>
          {hasNext && <Link href={`/admin/media?page=${page + 1}`}>Older</Link>}
        </nav>
      </section>
    </>
  );
}
