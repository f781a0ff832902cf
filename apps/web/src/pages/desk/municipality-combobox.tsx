import { useEffect, useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import type { Municipality } from '../../api';
import type { FieldControlProps } from '../../components';
import { municipalityLabel, searchMunicipalities } from './municipality-search';

interface MunicipalityComboboxProps extends FieldControlProps {
  municipalities: readonly Municipality[];
  value: Municipality | null;
  onPick: (municipality: Municipality) => void;
  /** Enter on the chosen municipality without changing it: go on to the next step. */
  onConfirm: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The municipality field: type a code prefix (011), kanji (札幌) or reading (さっ, サッ), move with ↑ ↓,
 * Enter picks. After a save the last municipality stays chosen and its text selected, so the next entry for
 * the same place needs only Enter, and typing replaces it.
 */
export function MunicipalityCombobox({ municipalities, value, onPick, onConfirm, inputRef, ...control }: MunicipalityComboboxProps) {
  const listId = useId();
  const chosenText = value ? municipalityLabel(value) : '';
  const [text, setText] = useState(chosenText);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [notFound, setNotFound] = useState(false);

  useEffect(() => {
    setText(chosenText);
    setOpen(false);
  }, [chosenText]);

  const results = useMemo(() => (open && text !== chosenText ? searchMunicipalities(municipalities, text, 12) : []), [open, text, chosenText, municipalities]);
  const expanded = open && results.length > 0;

  const pick = (m: Municipality) => {
    setOpen(false);
    setNotFound(false);
    setText(municipalityLabel(m));
    onPick(m);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return; // the IME is converting: its Enter is not ours
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (results.length ? (i + step + results.length) % results.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      if (expanded) pick(results[Math.min(active, results.length - 1)]);
      else if (value && text === chosenText) onConfirm();
      else if (text.trim()) setNotFound(true);
    } else if (e.key === 'Escape') {
      if (expanded || text !== chosenText) {
        e.preventDefault();
        e.stopPropagation();
        setText(chosenText);
        setOpen(false);
        setNotFound(false);
      }
    }
  };

  const activeId = expanded ? `${listId}-option-${Math.min(active, results.length - 1)}` : undefined;
  const describedBy = [control['aria-describedby'], notFound ? `${listId}-none` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div className="combobox">
      <input
        {...control}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          setNotFound(false);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          setOpen(false);
          setText(chosenText);
          setNotFound(false);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="市町村の候補" className="combobox__list" hidden={!expanded}>
        {results.map((m, i) => (
          <li
            key={m.code}
            id={`${listId}-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'combobox__option is-active' : 'combobox__option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(m)}
          >
            <span className="mono">{m.code}</span> <strong>{m.name}</strong> <span className="muted">{m.kana}・{m.subprefectureShort}</span>
          </li>
        ))}
      </ul>
      {notFound && (
        <p className="field__error" id={`${listId}-none`} role="alert">
          「{text}」に当てはまる市町村がありません。コード・漢字・よみの先頭を入力してください。
        </p>
      )}
    </div>
  );
}
