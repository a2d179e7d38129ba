'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewContent } from '@/lib/content/review-content';
import { slugify } from '@/lib/text/slug';
import { saveReviewAction, type ReviewActionResult } from '../actions';
import { CreditsEditor } from './credits-editor';
import type { ContentUpdate, FieldErrors } from './editor-types';
import { PosterField } from './poster-field';
import { SectionsEditor } from './sections-editor';
import { WorkflowBar, type WorkflowState } from './workflow-bar';
import { WorkFields } from './work-fields';

type Props = {
  reviewId: number | null;
  version: number;
  content: ReviewContent;
  workflow: WorkflowState | null;
  people: string[];
  genres: string[];
};

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The review editor. Saving sends the whole content with the version it was based on; the
 * server refuses a stale save, and the text stays here so nothing is lost.
 */
export function ReviewEditor({
  reviewId: initialId,
  version,
  content: initial,
  workflow,
  people,
  genres,
}: Props) {
  const router = useRouter();
  const [content, setContent] = useState(initial);
  // The id once the review exists: a new review gets one from its first save.
  const [reviewId, setReviewId] = useState(initialId);
  // The newest content, for code that runs after an await (the state captured then is older).
  const latest = useRef(content);
  useEffect(() => {
    latest.current = content;
  }, [content]);
  const [saved, setSaved] = useState({ json: JSON.stringify(initial), version });
  const [status, setStatus] = useState<{
    kind: 'idle' | 'saving' | 'saved' | 'error';
    text: string;
  }>({ kind: 'idle', text: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const slugEdited = useRef(initialId !== null && !initial.slug.startsWith('untitled-'));
  const dirty = JSON.stringify(content) !== saved.json;
  // A writer's review that was submitted or published is read-only for them (the server
  // refuses such saves anyway); say so rather than let them type into a dead end.
  const canEdit = workflow?.permissions.edit ?? true;

  const update: ContentUpdate = useCallback((change) => {
    setContent((current) => {
      const next = change(current);
      // Until the editor types a slug, it follows the work's title and year.
      if (
        !slugEdited.current &&
        (next.work.title !== current.work.title || next.work.year !== current.work.year)
      ) {
        const generated = slugify(`${next.work.title} ${next.work.year ?? ''}`);
        return { ...next, slug: generated || current.slug };
      }
      return next;
    });
  }, []);

  // Leaving with unsaved changes asks first: reloads and closing the tab through the browser,
  // links inside the app through a confirmation.
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      const link = (event.target as HTMLElement | null)?.closest?.('a[href]');
      if (!link || link.getAttribute('target') === '_blank') return;
      if (!window.confirm('You have unsaved changes. Leave this page and lose them?')) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);

  /** Saves if needed; resolves to the saved id, or null when the save failed. */
  async function save(): Promise<number | null> {
    if (!dirty && reviewId !== null) return reviewId;
    setStatus({ kind: 'saving', text: 'Saving…' });
    let result: ReviewActionResult;
    const sentJson = JSON.stringify(content);
    try {
      // Sent as plain JSON: ProseMirror's attribute objects are not plain objects, which React
      // would pass to the server as opaque references rather than data.
      result = await saveReviewAction({
        reviewId,
        baseVersion: saved.version,
        content: JSON.parse(sentJson),
      });
    } catch {
      setStatus({
        kind: 'error',
        text: 'Save failed: the server could not be reached. Your changes are still here; try again.',
      });
      return null;
    }
    if (!result.ok) {
      setErrors(result.errors ?? {});
      setStatus({ kind: 'error', text: result.message });
      return null;
    }
    setErrors({});
    setSaved({ json: sentJson, version: result.version ?? saved.version });
    setStatus({ kind: 'saved', text: `Saved at ${timeFormat.format(new Date())}` });
    if (reviewId === null) {
      setReviewId(result.id);
      // Move to the review's own page only if nothing was typed while saving: that page
      // starts from the server's copy, and unsaved words must never be dropped.
      if (JSON.stringify(latest.current) === sentJson)
        router.replace(`/admin/reviews/${result.id}`);
    } else {
      router.refresh();
    }
    return result.id;
  }

  return (
    <form
      className="review-editor"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="editor-bar">
        <button type="submit" className="button" disabled={status.kind === 'saving' || !canEdit}>
          {workflow?.isPublished ? 'Save changes' : 'Save draft'}
        </button>
        {reviewId !== null && (
          <Link
            className="button button-quiet"
            href={`/admin/reviews/${reviewId}/preview`}
            target="_blank"
          >
            Preview
          </Link>
        )}
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          aria-live="polite"
          className={`save-status ${status.kind}`}
        >
          {status.text ||
            (dirty ? 'Unsaved changes' : reviewId === null ? 'Not saved yet' : 'All changes saved')}
        </p>
      </div>
      {!canEdit && (
        <p className="form-message error" role="note">
          You can no longer change this review: it has left the draft stage. An editor can make
          changes.
        </p>
      )}
      {reviewId !== null && workflow && (
        <WorkflowBar reviewId={reviewId} state={workflow} beforeAction={save} />
      )}
      <datalist id="genre-suggestions">
        {genres.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <WorkFields
        content={content}
        update={update}
        errors={errors}
        onSlugEdited={() => (slugEdited.current = true)}
      />
      <PosterField posterMediaId={content.posterMediaId} update={update} />
      <CreditsEditor credits={content.credits} update={update} errors={errors} people={people} />
      <SectionsEditor sections={content.sections} update={update} errors={errors} />
    </form>
  );
}
