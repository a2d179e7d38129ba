import { z } from 'zod';
import { Pagination } from '@/components/ui/pagination';
import { listMedia } from '@/db/media/media';
import { guardPage } from '@/db/auth/page-guard';
import { can } from '@/lib/auth/permissions';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { MediaGrid } from './_components/media-grid';
import { UploadForm } from './_components/upload-form';

export const metadata = { title: 'Media' };

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

type Props = { searchParams: Promise<SearchParams> };

export default async function MediaPage({ searchParams }: Props) {
  const user = await guardPage('admin:access');
  const raw = await searchParams;
  const page = pageSchema.parse(firstParam(raw, 'page'));
  // Set by the delete action's redirect; it names nothing, so a crafted link can say no more.
  const deleted = firstParam(raw, 'deleted') === '1';
  const { items, hasNext } = await listMedia({ page });
  return (
    <>
      <h1>Media</h1>
      {deleted && (
        <p role="status" className="form-message success">
          The image was deleted, with its files.
        </p>
      )}
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
        {/* Nothing at all when every image fits on this one page. */}
        <Pagination
          page={page}
          hasNext={hasNext}
          href={(n) => (n === 1 ? '/admin/media' : `/admin/media?page=${n}`)}
        />
      </section>
    </>
  );
}
