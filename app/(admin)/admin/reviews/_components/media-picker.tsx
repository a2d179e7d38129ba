'use client';

import { useEffect, useId, useRef, useState } from 'react';
import Link from 'next/link';
import { mediaPageSchema, type MediaPageBody } from '@/lib/api/contract';
import { ACCEPT_ATTRIBUTE } from '@/lib/media/constants';

export type PickedMedia = MediaPageBody['items'][number];

/**
 * A dialog listing the media library (newest first) to choose an image from, or to upload a new
 * one (the caller sends it, showing its progress, through the library's processing and limits).
 * Native <dialog>: focus moves into it, Escape closes it, and focus returns to the button that
 * opened it.
 */
export function MediaPicker({
  label,
  onPick,
  onUpload,
  triggerClassName = 'button button-small button-quiet',
  triggerId,
  disabled = false,
}: {
  label: string;
  onPick: (media: PickedMedia) => void;
  onUpload?: (file: File) => void;
  triggerClassName?: string;
  triggerId?: string;
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const uploadId = useId();
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
        id={triggerId}
        className={triggerClassName}
        disabled={disabled}
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
        {onUpload && (
          <p className="field">
            <label htmlFor={uploadId}>Upload a new image</label>
            <input
              id={uploadId}
              type="file"
              accept={ACCEPT_ATTRIBUTE}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (!file) return;
                dialog.current?.close();
                onUpload(file);
              }}
            />
          </p>
        )}
        {error && <p role="alert">{error}</p>}
        {!items && !error && <p>Loading…</p>}
        {items?.length === 0 && (
          <p>
            The library is empty. {onUpload ? 'Upload an image above, or on' : 'Upload images on'}{' '}
            the <Link href="/admin/media">Media</Link> page.
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
