import { percent } from './mailing-format';

/** A labelled progress bar (0–100) that screen readers announce; the figure is also written out. */
export function ProgressBar({ value, label, detail, testId }: { value: number; label: string; detail?: string; testId?: string }) {
  const v = percent(value);
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={v} aria-valuetext={`${v}%`}>
        <div className="progress__fill" style={{ width: `${v}%` }} />
      </div>
      <span className="progress__text">
        {v}%{detail ? ` ${detail}` : ''}
      </span>
    </div>
  );
}
