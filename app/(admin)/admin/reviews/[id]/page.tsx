import { guardPage } from '@/db/auth/page-guard';
import { EditReview } from '../_components/edit-review';

export const metadata = { title: 'Edit review' };

type Props = { params: Promise<{ id: string }> };

export default async function EditReviewPage({ params }: Props) {
  await guardPage('admin:access');
  return <EditReview id={(await params).id} />;
}
