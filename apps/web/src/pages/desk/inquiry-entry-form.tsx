import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import {
  CALLER_TYPES, CALLER_TYPE_LABELS, INQUIRY_CHANNELS, INQUIRY_CHANNEL_LABELS, INQUIRY_OUTCOMES, INQUIRY_OUTCOME_LABELS,
} from '@wavedesk/contracts';
import type { InquiryCategoryView, Municipality } from '../../api';
import { ErrorAlert, Field, Notice } from '../../components';
import { ChoiceGroup } from './choice-group';
import { CALLER_TYPE_KEYS, CHANNEL_KEYS, OUTCOME_KEYS, categoryKey, deskKeyAction, type DeskKeyAction } from './desk-keys';
import { draftToInquiry, emptyDraft, inquiryToDraft, type EntryDraft, type EntryField } from './entry-draft';
import type { InquiryOutbox, OutboxEntry } from './inquiry-outbox';
import { MunicipalityCombobox } from './municipality-combobox';

export interface InquiryEntryFormHandle {
  /** Loads a refused entry from the outbox into the form for correcting. */
  correct(entry: OutboxEntry): void;
}

interface InquiryEntryFormProps {
  municipalities: readonly Municipality[];
  categories: readonly InquiryCategoryView[];
  /** A municipal user's own municipality: chosen and fixed. */
  fixedMunicipality: Municipality | null;
  outbox: InquiryOutbox;
  handle?: Ref<InquiryEntryFormHandle>;
}

const FIELD_IDS: Record<Exclude<EntryField, 'receivedAt'>, string> = {
  municipalityCode: 'desk-municipality',
  channel: 'desk-channel',
  callerType: 'desk-caller-type',
  category: 'desk-category',
  outcome: 'desk-outcome',
  durationSeconds: 'desk-duration',
  applicationId: 'desk-application-id',
  note: 'desk-note',
};
const FIELD_ORDER = Object.keys(FIELD_IDS) as Array<keyof typeof FIELD_IDS>;

/**
 * The desk's entry form, keyboard first: municipality (type, Enter), then a digit for the category and
 * Enter to save; Q W E / A S D F / Z X C change channel, caller and outcome when the default is not right.
 * Every save goes through the outbox, so an entry made while the network is down waits there.
 */
export function InquiryEntryForm({ municipalities, categories, fixedMunicipality, outbox, handle }: InquiryEntryFormProps) {
  const [draft, setDraft] = useState<EntryDraft>(() => emptyDraft(fixedMunicipality));
  const [errors, setErrors] = useState<Partial<Record<EntryField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const municipalityInput = useRef<HTMLInputElement>(null);
  const keysArea = useRef<HTMLDivElement>(null);

  const focusStart = () => {
    if (fixedMunicipality) keysArea.current?.focus();
    else {
      municipalityInput.current?.focus();
      municipalityInput.current?.select();
    }
  };

  // Start where the operator types: the municipality field (or, for a municipal user, the keys).
  const ready = municipalities.length > 0 && categories.length > 0;
  useEffect(() => {
    if (ready) focusStart();
  }, [ready]);

  useEffect(() => {
    if (fixedMunicipality) setDraft((d) => (d.municipality ? d : { ...d, municipality: fixedMunicipality }));
  }, [fixedMunicipality]);

  useImperativeHandle(handle, () => ({
    correct(entry: OutboxEntry) {
      const fields = entry.error?.fields ?? {};
      setDraft(inquiryToDraft(entry.inquiry, municipalities, !fields.receivedAt));
      setErrors(fields);
      setFormError(entry.error ? `${entry.error.message} 内容を直して Enter で登録し直してください。` : null);
      setNotice(null);
      setCorrecting(entry.key);
      window.setTimeout(() => focusFirstInvalid(fields), 0);
    },
  }));

  const change = (patch: Partial<EntryDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      if ('municipality' in patch) delete next.municipalityCode;
      for (const key of Object.keys(patch)) delete next[key as EntryField];
      if ('duration' in patch) delete next.durationSeconds;
      return next;
    });
  };

  const focusFirstInvalid = (fields: Partial<Record<EntryField, string>>) => {
    const first = FIELD_ORDER.find((f) => fields[f]);
    if (!first) return focusStart();
    if (first === 'municipalityCode' && !fixedMunicipality) return focusStart();
    if (first === 'category' || first === 'channel' || first === 'callerType' || first === 'outcome') return keysArea.current?.focus();
    document.getElementById(FIELD_IDS[first])?.focus();
  };

  const apply = (action: Exclude<DeskKeyAction, { kind: 'note' }>) => {
    if (action.kind === 'category') {
      const category = categories[action.index];
      if (category) change({ category: category.code });
    } else if (action.kind === 'channel') change({ channel: action.value });
    else if (action.kind === 'callerType') change({ callerType: action.value });
    else change({ outcome: action.value });
  };

  const submit = async () => {
    if (saving) return;
    setNotice(null);
    const checked = draftToInquiry(draft, categories);
    if ('errors' in checked) {
      setErrors(checked.errors);
      setFormError(null);
      focusFirstInvalid(checked.errors);
      return;
    }
    let key: string;
    try {
      key = outbox.enqueue(checked.inquiry, correcting ?? undefined).key;
    } catch {
      setFormError('この端末に記録を保存できませんでした（ブラウザの保存領域が使えません）。内容はそのまま残っています。');
      return;
    }
    const saved = draft;
    setSaving(true);
    const waiting = outbox.waitFor(key);
    void outbox.flush();
    const outcome = await waiting;
    setSaving(false);
    const what = `${saved.municipality?.name ?? ''}・${categories.find((c) => c.code === saved.category)?.label ?? ''}`;
    if (outcome.kind === 'sent' || outcome.kind === 'queued') {
      setNotice(
        outcome.kind === 'sent'
          ? `登録しました（${what}）。`
          : `ネットワークに接続できないため、この端末に保存しました（${what}）。接続が戻ると自動で送信します。`,
      );
      setDraft(emptyDraft(saved.municipality, saved.channel));
      setErrors({});
      setFormError(null);
      setCorrecting(null);
      setDetailsOpen(false);
      focusStart();
    } else if (outcome.kind === 'rejected') {
      setCorrecting(key);
      setErrors(outcome.error.fields);
      setFormError(`${outcome.error.message} 内容を直して Enter で登録し直してください（この記録は未送信の一覧にも残っています）。`);
      focusFirstInvalid(outcome.error.fields);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      focusStart();
      return;
    }
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (typing) return; // Enter in a text field submits the form by itself
    if (e.key === 'Enter') {
      // A summary opens, a link or an ordinary button does its own thing; anywhere else Enter saves.
      const own = target.tagName === 'SUMMARY' || target.tagName === 'A' || (target instanceof HTMLButtonElement && target.getAttribute('role') !== 'radio');
      if (own) return;
      e.preventDefault();
      void submit();
      return;
    }
    const action = e.shiftKey ? null : deskKeyAction(e.code);
    if (action?.kind === 'note') {
      e.preventDefault();
      setDetailsOpen(true);
      window.setTimeout(() => document.getElementById(FIELD_IDS.note)?.focus(), 0);
    } else if (action) {
      e.preventDefault();
      apply(action);
    }
  };

  const cancelCorrection = () => {
    setCorrecting(null);
    setDraft(emptyDraft(draft.municipality, draft.channel));
    setErrors({});
    setFormError(null);
    setNotice('修正をやめました。記録は未送信の一覧に残っています。');
    focusStart();
  };

  const otherErrors = Object.entries(errors).filter(([field]) => !(field in FIELD_IDS));

  return (
    <form className="desk-form" aria-label="問い合わせの記録" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      {correcting && (
        <p className="desk-form__correcting" role="status">
          送信できなかった記録を修正しています。
        </p>
      )}
      <ErrorAlert>{formError}</ErrorAlert>
      {otherErrors.length > 0 && (
        <ErrorAlert>
          {otherErrors.map(([field, message]) => (
            <span key={field} className="block">
              {message}
            </span>
          ))}
        </ErrorAlert>
      )}

      {fixedMunicipality ? (
        <p className="desk-form__fixed">
          <span className="choice-group__label">市町村</span> <strong>{fixedMunicipality.name}</strong> <span className="mono">{fixedMunicipality.code}</span>
        </p>
      ) : (
        <Field id={FIELD_IDS.municipalityCode} label="市町村" hint="コード（011…）・漢字（札幌）・よみ（さっ）の先頭を入力し、↑↓で選んで Enter" error={errors.municipalityCode}>
          {(p) => (
            <MunicipalityCombobox
              {...p}
              inputRef={municipalityInput}
              municipalities={municipalities}
              value={draft.municipality}
              onPick={(m) => {
                change({ municipality: m });
                keysArea.current?.focus();
              }}
              onConfirm={() => keysArea.current?.focus()}
            />
          )}
        </Field>
      )}

      <div ref={keysArea} tabIndex={-1} role="group" className="desk-keys" aria-label="分類と選択肢（キーで選択、Enter で登録）" data-testid="desk-keys">
        <p className="desk-keys__hint" aria-hidden="true">
          <span><kbd>1</kbd>〜<kbd>0</kbd> 分類</span>
          <span><kbd>Q</kbd><kbd>W</kbd><kbd>E</kbd> 受付方法</span>
          <span><kbd>A</kbd><kbd>S</kbd><kbd>D</kbd><kbd>F</kbd> 問い合わせ者</span>
          <span><kbd>Z</kbd><kbd>X</kbd><kbd>C</kbd> 対応結果</span>
          <span><kbd>M</kbd> メモ</span>
          <span><kbd>Enter</kbd> 登録</span>
          <span><kbd>Esc</kbd> 市町村へ</span>
        </p>
        <ChoiceGroup
          id={FIELD_IDS.category}
          label="分類"
          className="choice-group--categories"
          choices={categories.map((c, i) => ({ value: c.code, label: c.label, shortcut: categoryKey(i) }))}
          value={draft.category}
          onChange={(category) => change({ category })}
          error={errors.category}
        />
        <div className="desk-keys__row">
          <ChoiceGroup
            id={FIELD_IDS.channel}
            label="受付方法"
            choices={INQUIRY_CHANNELS.map((c) => ({ value: c, label: INQUIRY_CHANNEL_LABELS[c], shortcut: CHANNEL_KEYS[c] }))}
            value={draft.channel}
            onChange={(channel) => change({ channel })}
            error={errors.channel}
          />
          <ChoiceGroup
            id={FIELD_IDS.callerType}
            label="問い合わせ者"
            choices={CALLER_TYPES.map((c) => ({ value: c, label: CALLER_TYPE_LABELS[c], shortcut: CALLER_TYPE_KEYS[c] }))}
            value={draft.callerType}
            onChange={(callerType) => change({ callerType })}
            error={errors.callerType}
          />
          <ChoiceGroup
            id={FIELD_IDS.outcome}
            label="対応結果"
            choices={INQUIRY_OUTCOMES.map((o) => ({ value: o, label: INQUIRY_OUTCOME_LABELS[o], shortcut: OUTCOME_KEYS[o] }))}
            value={draft.outcome}
            onChange={(outcome) => change({ outcome })}
            error={errors.outcome}
          />
        </div>
      </div>

      <details
        className="desk-form__details"
        open={detailsOpen || Boolean(errors.durationSeconds || errors.applicationId || errors.note || draft.note || draft.applicationId || draft.duration)}
        onToggle={(e) => setDetailsOpen(e.currentTarget.open)}
      >
        <summary>
          詳細（任意）：対応時間・申請書ID・メモ <kbd aria-hidden="true">M</kbd>
        </summary>
        <div className="form-grid">
          <Field id={FIELD_IDS.durationSeconds} label="対応時間" hint="分（3）または 分:秒（3:30）" error={errors.durationSeconds}>
            {(p) => <input {...p} type="text" inputMode="numeric" className="input--number" value={draft.duration} onChange={(e) => change({ duration: e.target.value })} />}
          </Field>
          <Field id={FIELD_IDS.applicationId} label="申請書ID" hint="申請書に印字された23桁（個人番号ではありません）" error={errors.applicationId}>
            {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="off" value={draft.applicationId} onChange={(e) => change({ applicationId: e.target.value })} />}
          </Field>
          <Field id={FIELD_IDS.note} label="メモ" hint="折り返し先など。個人番号（マイナンバー）は書かないでください" error={errors.note}>
            {(p) => <input {...p} type="text" maxLength={1000} autoComplete="off" value={draft.note} onChange={(e) => change({ note: e.target.value })} />}
          </Field>
        </div>
      </details>

      <div className="button-row desk-form__actions">
        <button type="submit" className="button button--primary desk-form__save" disabled={saving}>
          {saving ? '登録中…' : '登録（Enter）'}
        </button>
        {correcting && (
          <button type="button" className="button button--quiet" onClick={cancelCorrection}>
            修正をやめる
          </button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
    </form>
  );
}
