'use client';

import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { mediaPageSchema, type MediaPageBody } from '@/lib/api/contract';

export type PickedMedia = MediaPageBody['items'][number];

/**
 * A dialog listing the media library (newest first) to choose an image from. Native <dialog>:
 * focus moves into it, Escape closes it, and focus returns to the button that opened it.
 */
export function MediaPicker({
  label,
  onPick,
}: {
  label: string;
  onPick: (media: PickedMedia) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [items, setItems] = useState<PickedMedia[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    fetch('/api/media?page=1')
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        // An answer that is not a page of the library is as useless as none.
        const body = mediaPageSchema.parse(await response.json());
        if (!cancelled) setItems(body.items);
      })
      .catch(() => !cancelled && setError('The media library could not be loaded. Try again.'));
    return () => {
      cancelled = true;
    };
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => {
          setOpen(true);
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="media-picker"
        aria-label="Choose an image"
        onClose={() => setOpen(false)}
      >
        <h2>Choose an image</h2>
        {error && <p role="alert">{error}</p>}
        {!items && !error && <p>Loading…</p>}
        {items?.length === 0 && (
          <p>
            The library is empty. Upload images on the <Link href="/admin/media">Media</Link> page.
          </p>
        )}
        <ul className="media-picker-grid">
          {items?.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(item);
                  dialog.current?.close();
                }}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- a fixed-size thumbnail file */}
                <img
                  src={`/media/${item.id}/320.webp`}
                  alt=""
                  width={160}
                  height={Math.round((160 * item.height) / item.width)}
                />
                <span>{item.alt || item.originalName}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => dialog.current?.close()}
        >
          Cancel
        </button>
      </dialog>
    </>
  );
}
