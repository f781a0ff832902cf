import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import type { MailingApi } from '../../api/mailing-api';
import type { MailingWave, ResumeAnswer } from '../../api/mailing-types';
import { ErrorAlert, Field } from '../../components';
import { formatNumber } from '../../format';
import { dayLabel, isUnsupported } from './mailing-format';
import { ModalDialog } from './modal-dialog';

export type WaveDialogAction = 'move' | 'split' | 'merge' | 'approve' | 'release' | 'hold' | 'resume' | 'cancel';

const TITLES: Record<WaveDialogAction, string> = {
  move: '発送日を変更',
  split: '波を分割',
  merge: '波を統合',
  approve: '波を承認',
  release: '発送指示',
  hold: '波を保留',
  resume: '波を再開',
  cancel: '波を中止',
};

const REASON_REQUIRED: ReadonlySet<WaveDialogAction> = new Set(['hold', 'resume', 'cancel']);

interface WaveDialogProps {
  api: MailingApi;
  action: WaveDialogAction;
  /** the wave acted on (merge: the first chosen) */
  wave: MailingWave;
  /** merge: every chosen wave */
  chosen?: MailingWave[];
  municipalityName: (code: string) => string;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** One wave action with what it needs: a reason, a date, the municipalities to split off, the resume preview. */
export function WaveDialog({ api, action, wave, chosen = [], municipalityName, onDone, onClose }: WaveDialogProps) {
  const [reason, setReason] = useState('');
  const [mailDate, setMailDate] = useState(action === 'move' ? wave.mailDate : '');
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<ResumeAnswer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const run = async (): Promise<string | null> => {
    const why = reason.trim();
    switch (action) {
      case 'move':
        await api.waves.move(wave.id, mailDate, why || undefined);
        return `${wave.name}の発送日を ${dayLabel(mailDate)} に変更しました。`;
      case 'split': {
        const part = wave.members.filter((m) => members.has(m.code)).map((m) => ({ code: m.code, ...(m.postalGroupKeys ? { postalGroupKeys: m.postalGroupKeys } : {}) }));
        await api.waves.split(wave.id, { mailDate, members: part });
        return `${wave.name}から ${formatNumber(part.length)}市町村を ${dayLabel(mailDate)} の波に分けました。`;
      }
      case 'merge':
        await api.waves.merge(chosen.map((w) => w.id), mailDate || undefined);
        return `${chosen.map((w) => w.name).join('・')}を統合しました。`;
      case 'approve':
        await api.waves.approve(wave.id, why || undefined);
        return `${wave.name}を承認しました。`;
      case 'release':
        await api.waves.release(wave.id, why || undefined);
        return `${wave.name}を発送指示しました。発送日になると印刷データを書き出します。`;
      case 'hold':
        await api.waves.hold(wave.id, why);
        return `${wave.name}を保留にしました。`;
      case 'cancel':
        await api.waves.cancel(wave.id, why);
        return `${wave.name}を中止しました。`;
      case 'resume': {
        if (!preview) {
          setPreview(await api.waves.resume(wave.id, why, false, mailDate || undefined));
          return null;
        }
        const done = await api.waves.resume(wave.id, why, true, mailDate || undefined);
        const withdrawn = done.rematch?.withdrawn ?? 0;
        return `${wave.name}を再開しました（発送日 ${dayLabel(done.schedule.wave.to)}）。${withdrawn > 0 ? `突合し直した結果、${formatNumber(withdrawn)}人を送付対象から外しました。` : ''}`;
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (REASON_REQUIRED.has(action) && !reason.trim()) problems.reason = '理由を入力してください。';
    if ((action === 'move' || action === 'split') && !mailDate) problems.mailDate = '発送日を選んでください。';
    if (action === 'split' && members.size === 0) problems.members = '別の波に移す市町村を1つ以上選んでください。';
    if (action === 'split' && members.size === wave.members.length) problems.members = 'すべての市町村を移すなら「発送日を変更」を使ってください。';
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const message = await run();
      if (message) onDone(message);
    } catch (e) {
      const err = ApiError.from(e);
      setError(err);
      if (err.statusCode === 409) setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const fields: Record<string, string | undefined> = { ...(error?.fieldMessages() ?? {}), ...local };
  const title = `${TITLES[action]}: ${action === 'merge' ? chosen.map((w) => w.name).join('・') : wave.name}`;
  return (
    <ModalDialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">
          {action === 'merge'
            ? `合計 ${formatNumber(chosen.reduce((s, w) => s + w.forms, 0))}通。`
            : `発送日 ${dayLabel(wave.mailDate)}、${formatNumber(wave.forms)}通、${formatNumber(wave.municipalityCodes.length)}市町村、状態「${wave.statusLabel}」。`}
        </p>
        {action === 'release' && <p className="alert alert--warn">発送指示すると取り消せません。発送日になると、印刷データを委託先へ書き出します（書き出し前なら保留できます）。</p>}
        {action === 'approve' && <p>承認すると、この波の送付対象者を送付台帳に登録します。承認後は日付や市町村を変更できません。</p>}
        {action === 'resume' && !preview && <p>再開すると、この波と後続の波の発送日を、計画の間隔を保ったまま後ろへずらします。まず新しい日程を確認します。</p>}
        {isUnsupported(error) ? <ErrorAlert>この操作はこのサーバーでは未対応です。</ErrorAlert> : <ErrorAlert error={error && !fields.reason && !fields.mailDate ? error : null} />}

        {(action === 'move' || action === 'split' || action === 'merge' || (action === 'resume' && !preview)) && (
          <Field
            id="wave-dialog-date"
            label={action === 'split' ? '分けた波の発送日' : action === 'merge' ? '統合後の発送日（任意）' : action === 'resume' ? '再開後の発送日（任意）' : '新しい発送日'}
            hint={action === 'resume' ? '空欄なら元の発送日（過ぎていれば今日以降の最初の営業日）' : '営業日を選んでください'}
            error={fields.mailDate}
          >
            {(p) => <input {...p} type="date" value={mailDate} onChange={(e) => setMailDate(e.target.value)} />}
          </Field>
        )}

        {action === 'split' && (
          <fieldset className="choice choice--column" aria-describedby={fields.members ? 'split-members-error' : undefined}>
            <legend>別の波に移す市町村</legend>
            {wave.members.map((m) => (
              <label key={`${m.code}-${(m.postalGroupKeys ?? []).join(',')}`}>
                <input
                  type="checkbox"
                  checked={members.has(m.code)}
                  onChange={(e) =>
                    setMembers((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(m.code);
                      else next.delete(m.code);
                      return next;
                    })
                  }
                />{' '}
                {municipalityName(m.code)}（{formatNumber(m.targets)}通{m.postalGroupKeys ? `、郵便番号 ${m.postalGroupKeys.join('・')}〜` : ''}）
              </label>
            ))}
            {fields.members && (
              <p className="field__error" id="split-members-error">
                {fields.members}
              </p>
            )}
          </fieldset>
        )}

        {preview && <ResumePreview preview={preview} />}

        {action !== 'split' && action !== 'merge' && (
          <Field id="wave-dialog-reason" label={REASON_REQUIRED.has(action) ? '理由' : '理由（任意）'} hint="監査ログに記録されます" error={fields.reason}>
            {(p) => <input {...p} autoComplete="off" value={reason} readOnly={!!preview} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        )}

        <div className="button-row">
          <button type="submit" className={action === 'cancel' || action === 'hold' ? 'button button--danger' : 'button button--primary'} disabled={busy}>
            {action === 'resume' ? (preview ? '再開を確定' : '新しい日程を確認') : TITLES[action]}
          </button>
          {preview && (
            <button type="button" className="button" onClick={() => setPreview(null)}>
              日程を選び直す
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={onClose}>
            閉じる
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** What resuming would do: the held wave's new date and the later waves that move with it. */
function ResumePreview({ preview }: { preview: ResumeAnswer }) {
  const s = preview.schedule;
  const moves = [s.wave, ...s.later];
  return (
    <div className="resume-preview" data-testid="resume-preview" aria-live="polite">
      <p>
        <strong>
          {s.shiftBusinessDays > 0 ? `発送日が ${formatNumber(s.shiftBusinessDays)}営業日後ろへずれます。` : '発送日は変わりません。'}
        </strong>
        再開の前に、この波の対象者を最新のカード取得者名簿で突合し直します。よろしければ「再開を確定」を押してください。
      </p>
      <table className="table table--compact" aria-label="再開後の日程">
        <thead>
          <tr>
            <th scope="col">波</th>
            <th scope="col">今の発送日</th>
            <th scope="col">再開後の発送日</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>{dayLabel(m.from)}</td>
              <td>
                {dayLabel(m.to)}
                {s.outsideWindow.includes(m.id) && <strong className="text-danger">（発送期間外）</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
