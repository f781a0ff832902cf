import { useRef, type KeyboardEvent } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** The shortcut shown on the button (the desk handles the key itself). */
  shortcut?: string | null;
}

interface ChoiceGroupProps<T extends string> {
  id: string;
  label: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string;
  className?: string;
}

/**
 * A row of toggle buttons of which one is chosen (a radio group): click, Space, or the key shown on each.
 * ← → move between them. The chosen one is the group's one Tab stop.
 */
export function ChoiceGroup<T extends string>({ id, label, choices, value, onChange, error, className }: ChoiceGroupProps<T>) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const chosen = choices.findIndex((c) => c.value === value);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : -1;
    const next = (index + step + choices.length) % choices.length;
    onChange(choices[next].value);
    buttons.current[next]?.focus();
  };
  return (
    <div className={`choice-group ${className ?? ''}${error ? ' choice-group--invalid' : ''}`}>
      <span className="choice-group__label" id={`${id}-label`}>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} className="choice-group__buttons" id={id}>
        {choices.map((c, i) => (
          <button
            key={c.value}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={c.value === value}
            tabIndex={i === (chosen >= 0 ? chosen : 0) ? 0 : -1}
            className={c.value === value ? 'choice is-chosen' : 'choice'}
            onClick={() => onChange(c.value)}
            onKeyDown={(e) => onKeyDown(e, i)}
            data-value={c.value}
          >
            {c.shortcut && (
              <kbd className="choice__key" aria-hidden="true">
                {c.shortcut}
              </kbd>
            )}
            {c.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
