import type { ReactNode } from 'react';
import type { PlainBlockKind } from '@/lib/content/rich-text/plain-blocks';
import { sectionLabel } from '@/lib/content/section-label';
import type {
  BlockDiff,
  DiffPart,
  ListDiff,
  ListStyle,
  RevisionDiff,
  SectionDiff,
} from '@/lib/content/revision-diff';

// Renders a RevisionDiff. Insertions are <ins> and deletions <del>, each with visually hidden
// words around it, so screen readers (which mostly ignore ins/del) say what changed; colour is
// never the only signal either (underline and strike-through stay).

/** Text with its insertions and deletions marked. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, i) => {
        if (part.type === 'ins') {
          return (
            <ins key={i}>
              <span className="visually-hidden">[inserted: </span>
              {part.text}
              <span className="visually-hidden">]</span>
            </ins>
          );
        }
        if (part.type === 'del') {
          return (
            <del key={i}>
              <span className="visually-hidden">[deleted: </span>
              {part.text}
              <span className="visually-hidden">]</span>
            </del>
          );
        }
        return <span key={i}>{part.text}</span>;
      })}
    </>
  );
}

const BLOCK_LABELS: Record<PlainBlockKind, string> = {
  paragraph: 'paragraph',
  heading: 'heading',
  listItem: 'list item',
  quote: 'quotation',
  image: 'image',
  rule: 'horizontal rule',
};

/** "paragraph", "numbered list item"…: what a block is, in words. */
function blockLabel(kind: PlainBlockKind, list: ListStyle | null): string {
  if (kind === 'listItem' && list === 'ordered') return 'numbered list item';
  if (kind === 'listItem' && list === 'bullet') return 'bulleted list item';
  return BLOCK_LABELS[kind];
}

const STATUS_LABELS: Record<SectionDiff['status'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

function Block({ block }: { block: BlockDiff }) {
  let content: ReactNode = <DiffText parts={block.parts} />;
  if (block.kind === 'image') content = <>[Image: {content}]</>;
  if (block.kind === 'rule') content = '[Horizontal rule]';
  const className = [
    'diff-block',
    `diff-block-${block.kind}`,
    block.status === 'added' || block.status === 'removed' ? `diff-block-${block.status}` : '',
    block.kind === 'listItem' ? `diff-level-${Math.min(block.level, 4)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = blockLabel(block.kind, block.list);
  return (
    <div className={className}>
      {block.status === 'added' && <span className="diff-tag">New {label}: </span>}
      {block.status === 'removed' && <span className="diff-tag">Removed {label}: </span>}
      {/* A number is part of what the item says ("step 2"); a bullet is decoration. */}
      {block.marker !== null &&
        (block.list === 'ordered' ? (
          <span className="diff-marker">{block.marker} </span>
        ) : (
          <span aria-hidden="true">{block.marker} </span>
        ))}
      {content}
      {block.previousKind && (
        <span className="diff-tag">
          {' '}
          (was a {blockLabel(block.previousKind, block.previousList)}, now a {label})
        </span>
      )}
    </div>
  );
}

/** The changed blocks with one unchanged block of context around each change. */
function Body({ blocks, whole }: { blocks: BlockDiff[]; whole: boolean }) {
  const keep = blocks.map(
    (block, i) =>
      whole ||
      block.status !== 'same' ||
      (blocks[i - 1]?.status !== undefined && blocks[i - 1]?.status !== 'same') ||
      (blocks[i + 1]?.status !== undefined && blocks[i + 1]?.status !== 'same'),
  );
  const out: ReactNode[] = [];
  let skipped = 0;
  const flushSkipped = (key: string) => {
    if (skipped === 0) return;
    out.push(
      <p key={key} className="diff-skipped muted">
        … {skipped} unchanged {skipped === 1 ? 'block' : 'blocks'}
      </p>,
    );
    skipped = 0;
  };
  blocks.forEach((block, i) => {
    if (!keep[i]) {
      skipped++;
      return;
    }
    flushSkipped(`skip-${i}`);
    out.push(<Block key={i} block={block} />);
  });
  flushSkipped('skip-end');
  return <div className="diff-body">{out}</div>;
}

function Section({ section }: { section: SectionDiff }) {
  const notes: ReactNode[] = [];
  if (section.moved && section.position.before !== null && section.position.after !== null) {
    notes.push(
      `Moved from position ${section.position.before} to position ${section.position.after}.`,
    );
  }
  if (section.headingParts) {
    notes.push(
      <>
        Heading: <DiffText parts={section.headingParts} />
      </>,
    );
  }
  if (section.kind) notes.push(`Kind: ${section.kind.before} → ${section.kind.after}.`);
  if (section.spoiler) {
    notes.push(
      section.spoiler.after ? 'Now marked as a spoiler.' : 'No longer marked as a spoiler.',
    );
  }
  if (section.formattingOnly)
    notes.push(
      'Formatting changed (bold, italic, links or the numbering of a list); the words are the same.',
    );
  return (
    <article className={`diff-section diff-section-${section.status}`}>
      <h4>
        {sectionLabel(section)} <span className="diff-badge">{STATUS_LABELS[section.status]}</span>
      </h4>
      {notes.length > 0 && (
        <ul className="diff-notes">
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
      {section.body && section.body.length > 0 && (
        <Body blocks={section.body} whole={section.status !== 'changed'} />
      )}
      {section.body && section.body.length === 0 && section.status !== 'changed' && (
        <p className="muted">(No text.)</p>
      )}
    </article>
  );
}

function Lines({ title, list }: { title: string; list: ListDiff }) {
  if (list.lines.length === 0 && !list.reordered) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="diff-lines">
        {list.lines.map((line, i) => (
          <li key={i}>
            {line.status === 'changed' ? (
              <DiffText parts={line.parts} />
            ) : (
              <DiffText
                parts={[{ type: line.status === 'added' ? 'ins' : 'del', text: line.text }]}
              />
            )}
          </li>
        ))}
        {list.reordered && <li className="muted">The order changed.</li>}
      </ul>
    </>
  );
}

export function RevisionDiffView({ diff }: { diff: RevisionDiff }) {
  if (diff.unchanged) return <p>These two versions have the same content.</p>;
  return (
    <div className="diff">
      <p className="diff-legend muted">
        <ins>Underlined</ins> text was inserted, <del>struck-through</del> text was deleted.
      </p>
      {diff.fields.length > 0 && (
        <>
          <h3>Details</h3>
          <dl className="diff-fields">
            {diff.fields.map((field) => (
              <div key={field.field}>
                <dt>{field.label}</dt>
                <dd>
                  <DiffText parts={field.parts} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <Lines title="Genres" list={diff.genres} />
      <Lines title="Credits" list={diff.credits} />
      {diff.sections.length > 0 && (
        <>
          <h3>Sections</h3>
          {diff.sections.map((section) => (
            <Section key={section.id} section={section} />
          ))}
        </>
      )}
      {diff.unchangedSections > 0 && (
        <p className="muted">
          {diff.unchangedSections} other{' '}
          {diff.unchangedSections === 1 ? 'section is' : 'sections are'} unchanged.
        </p>
      )}
    </div>
  );
}
