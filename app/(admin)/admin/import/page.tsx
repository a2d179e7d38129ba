import { listSuggestions } from '@/db/queries/taxonomy';
import { guardPage } from '@/db/auth/page-guard';
import { ImportWorkflow } from './_components/import-workflow';

export const metadata = { title: 'Import an article' };

// Paste or upload an article, check and correct what was detected, create a draft. Nothing is
// written until "Create draft", and nothing is ever published from here.
export default async function ImportPage() {
  await guardPage('review:create');
  const { people, genres } = await listSuggestions();
  return (
    <>
      <h1>Import an article</h1>
      <p>
        Paste a review from another site, a blog or a document, or upload it as a .txt, .md or .html
        file. The importer repairs broken characters, finds the headline, the work, the credits and
        the sections, and shows you what it found before anything is saved.
      </p>
      <ImportWorkflow people={people} genres={genres} />
    </>
  );
}
