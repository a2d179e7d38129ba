import { permanentRedirect } from 'next/navigation';

type Props = { params: Promise<{ id: string }> };

/** The preview moved into the public site's layout (its fonts and stylesheet): /preview/:id. */
export default async function OldPreviewAddress({ params }: Props) {
  permanentRedirect(`/preview/${encodeURIComponent((await params).id)}`);
}
