import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, Suspense } from 'react';
import { getMediaDetail, getMediaUses } from '@/db/media/manage';
import { guardPage } from '@/db/auth/page-guard';
import { isAppError } from '@/lib/errors/app-error';
import { formatBytes, typeName, variantPixelWidth } from '@/lib/media/format';
import { parseMediaId } from '@/lib/media/ids';
import { AltTextForm } from '../_components/alt-text-form';
import { DeleteMedia } from '../_components/delete-media';
import { MediaUses } from '../_components/media-uses';
import styles from '../_components/media-detail.module.css';

type Props = { params: Promise<{ id: string }> };

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

// One read per request, shared by the metadata and the page.
const load = cache(async (rawId: string) => {
  const id = parseMediaId(rawId);
  return id === null ? null : getMediaDetail(id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  try {
    const detail = await load((await params).id);
    return { title: detail ? detail.originalName : 'Image' };
  } catch (error) {
    // The page itself sends a visitor who may not see it to the sign-in (or the 403) page.
    if (isAppError(error, 'unauthenticated', 'forbidden')) return { title: 'Image' };
    throw error;
  }
}

export default async function MediaDetailPage({ params }: Props) {
  await guardPage('admin:access');
  const detail = await load((await params).id);
  if (!detail) notFound();
  const { id, width, height } = detail;

  return (
    <>
      <p className={styles.back}>
        <Link href="/admin/media">← Media library</Link>
      </p>
      <h1 className={styles.title}>{detail.originalName}</h1>

      <div className={styles.layout}>
        <figure className={styles.figure}>
          <Image
            src={`/media/${id}`}
            width={width}
            height={height}
            alt={detail.alt}
            sizes="(max-width: 48rem) 100vw, 40rem"
            className={styles.image}
            preload
          />
        </figure>
        <dl className={styles.facts}>
          <dt>Original name</dt>
          <dd>{detail.originalName}</dd>
          <dt>Type</dt>
          <dd>
            {typeName(detail.mimeType)} <span className="muted">({detail.mimeType})</span>
          </dd>
          <dt>Size</dt>
          <dd>
            {width.toLocaleString('en')} × {height.toLocaleString('en')} pixels
          </dd>
          <dt>File size</dt>
          <dd>
            {formatBytes(detail.bytes)}{' '}
            {detail.bytes >= 1024 && (
              <span className="muted">({detail.bytes.toLocaleString('en')} bytes)</span>
            )}
          </dd>
          <dt>Uploaded</dt>
          <dd>
            {dateFormat.format(detail.createdAt)} UTC, by{' '}
            {detail.uploadedBy ? detail.uploadedBy.name : 'an account that no longer exists'}
          </dd>
          <dt>Public</dt>
          <dd>
            {detail.isPublic
              ? 'Yes: a published review shows it, so anyone can load its files.'
              : 'No: no published review shows it, so only signed-in staff can load its files.'}
          </dd>
        </dl>
      </div>

      <section className={styles.section} aria-labelledby="sizes-heading">
        <h2 id="sizes-heading">Stored sizes</h2>
        <ul className={styles.sizes}>
          <li>
            <a href={`/media/${id}/original`}>Original</a>{' '}
            <span className="muted">
              {width.toLocaleString('en')} px wide, {typeName(detail.mimeType)}
            </span>
          </li>
          {detail.variants.map((slot) => {
            const pixels = variantPixelWidth(slot, width);
            return (
              <li key={slot}>
                <a href={`/media/${id}/${slot}.webp`}>{slot}.webp</a>{' '}
                <span className="muted">
                  {pixels.toLocaleString('en')} px wide, WebP
                  {pixels < slot && ' (the original is narrower)'}
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section className={styles.section} aria-labelledby="uses-heading">
        <h2 id="uses-heading">Where it is used</h2>
        {/* Streamed in after the rest: in a large catalogue, looking at every working copy
            takes a moment. */}
        <Suspense fallback={<p className="muted">Looking for the reviews that use it…</p>}>
          <UsesOf id={id} />
        </Suspense>
      </section>

      <section className={styles.section} aria-labelledby="alt-heading">
        <h2 id="alt-heading">Suggested alt text</h2>
        {detail.permissions.edit ? (
          <AltTextForm id={id} alt={detail.alt} />
        ) : (
          <>
            <p>{detail.alt || <span className="muted">None.</span>}</p>
            <p className="muted small">Only its uploader or an editor can change it.</p>
          </>
        )}
      </section>

      {detail.permissions.delete && (
        <section className={styles.section} aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete</h2>
          <p className="muted">
            An image can be deleted once no review uses it: not the working copy of any review,
            draft or not, nor the version readers see.
          </p>
          <DeleteMedia id={id} name={detail.originalName} />
        </section>
      )}
    </>
  );
}

/** The reviews that use the image, each linking to its editor. */
async function UsesOf({ id }: { id: number }) {
  const used = await getMediaUses(id);
  // Deleted between the two reads: the page is about to be a 404 anyway.
  if (!used) return <p>This image no longer exists.</p>;
  const count = used.uses.length + used.hidden;
  if (count === 0) return <p>No review uses this image.</p>;
  return (
    <>
      <p>
        Used by {count === 1 ? '1 review' : `${count.toLocaleString('en')} reviews`}: a review uses
        an image while its working copy (its newest version, draft or not) or its published version
        shows it.
      </p>
      <MediaUses {...used} />
    </>
  );
}
