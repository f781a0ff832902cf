import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's heading. It sets the window title and takes the keyboard focus when the page opens, so that
 * keyboard and screen-reader users start reading at the new page rather than at the navigation.
 */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} | wavedesk`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <header className="page-header">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="page-header__lead">{children}</div>}
    </header>
  );
}
