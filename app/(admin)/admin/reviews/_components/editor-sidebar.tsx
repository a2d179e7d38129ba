'use client';

import { memo, type ReactNode } from 'react';
import type { ReviewContent } from '@/lib/content/review-content';
import { CreditsEditor } from './credits-editor';
import type { ContentUpdate, FieldErrors } from './editor-types';
import { PosterField } from './poster-field';
import { RatingField, SlugField } from './publication-fields';
import { SearchPreview, type EditorSite } from './search-preview';
import { WorkFields } from './work-fields';

/** One collapsible group of settings, open to begin with. */
function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="sidebar-group" open>
      <summary>{title}</summary>
      <div className="sidebar-group-body">{children}</div>
    </details>
  );
}

/**
 * Everything about the review that is not its text, beside the canvas (Ghost's post settings,
 * Gutenberg's inspector): the work's facts and genres, the rating, the poster, the credits, the
 * address, and how search and social sites will show it. On a phone it is a sheet over the
 * canvas, opened from the editor's bar.
 */
export const EditorSidebar = memo(function EditorSidebar({
  content,
  description,
  update,
  errors,
  people,
  site,
  onSlugEdited,
  open,
  onClose,
}: {
  /** Everything but the sections: typing in the canvas does not re-render the sidebar. */
  content: SidebarContent;
  description: string;
  update: ContentUpdate;
  errors: FieldErrors;
  people: string[];
  site: EditorSite;
  onSlugEdited: () => void;
  /** Shown as a sheet (on a phone; elsewhere the sidebar is always shown). */
  open: boolean;
  onClose: () => void;
}) {
  return (
    <aside
      id="review-settings"
      className="editor-sidebar"
      aria-label="Review settings"
      data-open={open ? 'true' : undefined}
    >
      <div className="sidebar-sheet-bar">
        <h2>Review settings</h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          Done
        </button>
      </div>
      <Group title="The work">
        <WorkFields content={content} update={update} errors={errors} />
      </Group>
      <Group title="Rating">
        <RatingField content={content} update={update} errors={errors} />
      </Group>
      <Group title="Poster">
        <PosterField posterMediaId={content.posterMediaId} update={update} />
      </Group>
      <Group title="Credits">
        <CreditsEditor credits={content.credits} update={update} errors={errors} people={people} />
      </Group>
      <Group title="Address">
        <SlugField
          slug={content.slug}
          update={update}
          errors={errors}
          onSlugEdited={onSlugEdited}
        />
      </Group>
      <Group title="Search and social preview">
        <SearchPreview content={content} description={description} site={site} />
      </Group>
    </aside>
  );
});

export type SidebarContent = Omit<ReviewContent, 'sections'>;
