import type { ReactNode } from 'react';
import { useCurrentUser } from '../auth';
import { canOpen, type PageKey } from '../navigation';
import { PageHeader } from './page-header';

/**
 * Shows a page only to the roles that may use it (someone typing the address gets a plain refusal).
 * The API refuses the data anyway; this keeps the screen honest.
 */
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const user = useCurrentUser();
  if (canOpen(user.role, page)) return children;
  return (
    <>
      <PageHeader title="このページは利用できません" />
      <p>このページを開く権限がありません。必要な場合は管理者にお問い合わせください。</p>
    </>
  );
}
