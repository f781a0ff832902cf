import type { ReactNode } from 'react';
import { PageHeader } from './page-header';

/** A page that is planned but not built yet: says so plainly, and what it will offer. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <section className="coming-soon" aria-label="準備中">
        <p className="coming-soon__badge">準備中</p>
        <p>この画面は現在準備中です。公開までしばらくお待ちください。</p>
        <div className="coming-soon__plan">{children}</div>
      </section>
    </>
  );
}
