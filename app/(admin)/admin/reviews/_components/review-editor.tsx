'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReviewContent } from '@/lib/content/review-content';
import { reviewDescription } from '@/lib/seo/excerpt';
import { slugify } from '@/lib/text/slug';
import { CanvasEditor } from './canvas/canvas-editor';
import { ConflictView } from './conflict-view';
import { EditorSidebar, type SidebarContent } from './editor-sidebar';
import type { ContentUpdate } from './editor-types';
import { removeLocalDraft, unsentLocalDraft } from './local-draft';
import { RecoveryBanner } from './recovery-banner';
import { SaveStatusLine } from './save-status';
import type { EditorSite } from './search-preview';
import { TitleFields } from './title-fields';
import { usePresence } from './use-presence';
import { useReviewSaver } from './use-review-saver';
import { WorkflowBar, type WorkflowState } from './workflow-bar';

const noSubscription = () => () => undefined;

type Props = {
  /** Who is editing: edits kept on this device are theirs alone. */
  userId: number;
  reviewId: number | null;
  version: number;
  content: ReviewContent;
  workflow: WorkflowState | null;
  people: string[];
  genres: string[];
  site: EditorSite;
};

/**
 * The review editor. Changes are saved a moment after typing stops, when the page is hidden,
 * and on "Save"; each save names the version it started from, so the server merges other
 * people's changes or shows both texts when they changed the same thing. Unsent edits stay
 * on this device and are offered back on the next visit.
 */
export function ReviewEditor({
  userId,
  reviewId: initialId,
  version,
  content: initial,
  workflow,
  people,
  genres,
  site,
}: Props) {
  const router = useRouter();
  const [content, setContent] = useState(initial);
  // The id once the review exists: a new review gets one from its first save.
  const [reviewId, setReviewId] = useState(initialId);
  const [message, setMessage] = useState('');
  // The settings sheet on a phone (elsewhere the sidebar is always beside the canvas).
  const [settingsOpen, setSettingsOpen] = useState(false);
  const slugEdited = useRef(initialId !== null && !initial.slug.startsWith('untitled-'));

  // Edits this device kept from an earlier visit that never reached the server, read once the
  // page runs in the browser (storage exists only there). Autosave waits until the editor
  // has restored or discarded them, so they are never overwritten unseen.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [deviceCopyHandled, setDeviceCopyHandled] = useState(false);
  // What the editor opened with: later props (a refresh) must not raise the offer again.
  const [openedWith] = useState({ id: initialId, content: initial });
  const recoverable = useMemo(
    () =>
      hydrated && !deviceCopyHandled
        ? unsentLocalDraft(userId, openedWith.id, openedWith.content)
        : null,
    [hydrated, deviceCopyHandled, openedWith, userId],
  );

  // The workflow as the server last described it: from the page, or from the answer to a
  // step or to a new review's first save (this editor stays mounted, with whatever is typed
  // meanwhile, and only the address changes). New page props (a refresh) take over again.
  const [workflowState, setWorkflowState] = useState(workflow);
  const [workflowProp, setWorkflowProp] = useState(workflow);
  if (workflow !== workflowProp) {
    setWorkflowProp(workflow);
    setWorkflowState(workflow);
  }
  // A writer's review that was submitted or published is read-only for them (the server
  // refuses such saves anyway); say so rather than let them type into a dead end.
  const canEdit = workflowState?.permissions.edit ?? true;
  const onCreated = useCallback((id: number, created: WorkflowState | undefined) => {
    setReviewId(id);
    if (created) setWorkflowState(created);
    window.history.replaceState(null, '', `/admin/reviews/new?id=${id}`);
  }, []);

  const saver = useReviewSaver({
    userId,
    reviewId,
    base: { version: initialId === null ? 0 : version, content: initial },
    content,
    replaceContent: setContent,
    onCreated,
    enabled: canEdit && hydrated && recoverable === null,
  });

  // Someone else saved a newer version: fetch and merge it now rather than at our next save.
  const onVersion = useCallback(
    (newest: number) => {
      if (newest > saver.base.version && canEdit && !saver.conflict)
        void saver.save('autosave', { pull: true });
    },
    [saver, canEdit],
  );
  const others = usePresence(reviewId, onVersion);

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

  // What the sidebar and the title fields show, the same object while only the sections change:
  // a keystroke in the canvas re-renders neither.
  const {
    headline,
    dek,
    slug,
    work,
    genres: reviewGenres,
    rating,
    posterMediaId,
    credits,
  } = content;
  const sidebarContent = useMemo<SidebarContent>(
    () => ({ headline, dek, slug, work, genres: reviewGenres, rating, posterMediaId, credits }),
    [headline, dek, slug, work, reviewGenres, rating, posterMediaId, credits],
  );
  const description = useMemo(
    () => reviewDescription({ dek, sections: content.sections }),
    [dek, content.sections],
  );
  const onSlugEdited = useCallback(() => (slugEdited.current = true), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);

  const setSections = useCallback(
    (sections: ReviewContent['sections']) => update((current) => ({ ...current, sections })),
    [update],
  );

  // Closing the tab with edits the server does not have yet asks first (they are also kept
  // on this device, and the page-hide save tries to send them).
  // Links inside the app ask through a confirmation.
  // A read-only review has nothing of this person's to lose: no prompt, no "Unsaved changes".
  const unsaved = saver.dirty && canEdit;
  useEffect(() => {
    if (!unsaved) return;
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
  }, [unsaved]);

  /** The manual save; resolves to the review's id, or null when it was not saved. */
  async function save(): Promise<number | null> {
    const before = saver.savedVersion();
    const ok = await saver.save('save', { message: message.trim() || undefined });
    if (!ok) return null;
    setMessage('');
    // Saved changes to a published review are not live until published again.
    if (saver.savedVersion() !== before)
      setWorkflowState((state) =>
        state?.isPublished ? { ...state, hasUnpublishedChanges: true } : state,
      );
    // The review's own page re-reads its heading (a new review's page has no such heading).
    if (initialId !== null) router.refresh();
    return saver.savedReviewId();
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
        <button
          type="submit"
          className="button"
          disabled={saver.status.kind === 'saving' || !canEdit || recoverable !== null}
        >
          {workflowState?.isPublished ? 'Save changes' : 'Save draft'}
        </button>
        {reviewId !== null && (
          <p className="field field-inline">
            <label htmlFor="revision-note">Note for history</label>
            <input
              id="revision-note"
              value={message}
              maxLength={500}
              placeholder="Optional"
              disabled={!canEdit}
              onChange={(event) => setMessage(event.target.value)}
            />
          </p>
        )}
        {reviewId !== null && (
          <>
            <Link className="button button-quiet" href={`/preview/${reviewId}`} target="_blank">
              Preview
            </Link>
            <Link className="button button-quiet" href={`/admin/reviews/${reviewId}/history`}>
              History
            </Link>
          </>
        )}
        <button
          type="button"
          className="button button-quiet settings-toggle"
          aria-controls="review-settings"
          aria-expanded={settingsOpen}
          onClick={() => setSettingsOpen((open) => !open)}
        >
          Settings
        </button>
        {canEdit ? (
          <SaveStatusLine status={saver.status} isNew={reviewId === null} />
        ) : (
          <p className="save-status" role="status">
            Read-only
          </p>
        )}
      </div>
      {workflowState?.changesRequested && (
        <section className="changes-requested" aria-labelledby="changes-requested-heading">
          <h2 id="changes-requested-heading">Changes requested</h2>
          <p className="muted">
            {workflowState.changesRequested.requestedBy ?? 'An editor'} asked for changes on{' '}
            {new Date(workflowState.changesRequested.at).toLocaleString()}. Make them, then submit
            the review again.
          </p>
          <blockquote>{workflowState.changesRequested.note}</blockquote>
        </section>
      )}
      {!canEdit && (
        <p className="form-message read-only-note" role="note" id="read-only-reason">
          {readOnlyReason(workflowState?.status)}
        </p>
      )}
      {others.length > 0 && (
        <p className="presence" role="status">
          Also editing: {others.map((person) => person.name).join(', ')}
        </p>
      )}
      {recoverable && (
        <RecoveryBanner
          draft={recoverable}
          onRestore={() => {
            saver.recover(recoverable);
            setDeviceCopyHandled(true);
          }}
          onDiscard={() => {
            removeLocalDraft(userId, reviewId);
            setDeviceCopyHandled(true);
          }}
        />
      )}
      {reviewId !== null && workflowState && (
        <WorkflowBar
          reviewId={reviewId}
          state={workflowState}
          beforeAction={save}
          onChange={setWorkflowState}
        />
      )}
      <datalist id="genre-suggestions">
        {genres.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {/* Every field at once: a disabled fieldset disables each control inside it. */}
      <fieldset
        className="editor-layout"
        disabled={!canEdit}
        aria-describedby={canEdit ? undefined : 'read-only-reason'}
      >
        <legend className="visually-hidden">The review</legend>
        <div className="editor-main">
          <TitleFields content={sidebarContent} update={update} errors={saver.errors} />
          {/* Above the text it is about, where the person is taken when their save is refused. */}
          {saver.conflict && (
            <ConflictView
              key={saver.conflict.version}
              conflict={saver.conflict}
              mine={content}
              onResolve={(resolved) => void saver.resolve(resolved)}
            />
          )}
          <CanvasEditor
            sections={content.sections}
            onSections={setSections}
            errors={saver.errors}
            readOnly={!canEdit}
          />
        </div>
        <EditorSidebar
          content={sidebarContent}
          description={description}
          update={update}
          errors={saver.errors}
          people={people}
          site={site}
          onSlugEdited={onSlugEdited}
          open={settingsOpen}
          onClose={closeSettings}
        />
      </fieldset>
    </form>
  );
}

/** Why this person cannot change the review, and what happens next. */
function readOnlyReason(status: WorkflowState['status'] | undefined): string {
  switch (status) {
    case 'in_review':
      return 'You submitted this review: it is read-only for you while an editor reviews it. An editor publishes it or sends it back to you with changes requested.';
    case 'scheduled':
      return 'This review is scheduled for publication: it is read-only for you. An editor can still change it.';
    case 'published':
      return 'This review is published: it is read-only for you. An editor can change it.';
    case 'archived':
      return 'This review is archived: it is read-only for you.';
    default:
      return 'You cannot change this review. An editor can.';
  }
}
