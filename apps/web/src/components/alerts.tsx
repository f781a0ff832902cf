import type { ReactNode } from 'react';
import type { ApiError } from '../api';

/** An error the user must notice (announced at once by screen readers). */
export function ErrorAlert({ error, children }: { error?: ApiError | null; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <div className="alert alert--error" role="alert">
      {children ?? error?.message}
    </div>
  );
}

/** A calm message: saved, signed out, nothing found. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--info" role="status">
      {children}
    </div>
  );
}
