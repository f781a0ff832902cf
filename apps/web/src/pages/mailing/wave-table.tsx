import { useState } from 'react';
import { ApiError } from '../../api';
import type { MailingWave, WaveActionName } from '../../api/mailing-types';
import { saveFile } from '../../download';
import { formatNumber } from '../../format';
import { dayLabel, waveProgressPercent } from './mailing-format';
import { ProgressBar } from './progress-bar';
import { useMailingApi } from './use-mailing-api';
import type { WaveDialogAction } from './wave-dialog';

const ACTION_BUTTONS: Array<{ action: WaveActionName; label: string; adminOnly: boolean; tone?: string }> = [
  { action: 'approve', label: '承認', adminOnly: true },
  { action: 'release', label: '発送指示', adminOnly: true, tone: 'button--primary' },
  { action: 'hold', label: '保留', adminOnly: false, tone: 'button--danger' },
  { action: 'resume', label: '再開', adminOnly: false, tone: 'button--primary' },
  { action: 'cancel', label: '中止', adminOnly: true, tone: 'button--danger' },
];

const STATUS_TONE: Record<string, string> = { done: 'ok', held: 'warn', cancelled: 'off', writing: 'ok', released: 'ok' };

interface WaveTableProps {
  waves: MailingWave[];
  isAdmin: boolean;
  chosen: ReadonlySet<number>;
  municipalityName: (code: string) => string;
  onChoose: (id: number, on: boolean) => void;
  onAction: (action: WaveDialogAction, wave: MailingWave) => void;
  onError: (error: ApiError) => void;
}

/** The waves in date order: date, status, forms, municipalities, release progress, and what may be done now. */
export function WaveTable({ waves, isAdmin, chosen, municipalityName, onChoose, onAction, onError }: WaveTableProps) {
  const api = useMailingApi();
  const [unsupported, setUnsupported] = useState<number | null>(null);

  const proof = async (wave: MailingWave) => {
    try {
      saveFile(await api.waves.proof(wave.id), `見本_${wave.name}.pdf`);
    } catch (e) {
      onError(ApiError.from(e));
    }
  };

  return (
    <div className="table-wrap">
      <table className="table waves-table" aria-label="波の一覧">
        <thead>
          <tr>
            {isAdmin && (
              <th scope="col">
                <span className="visually-hidden">統合する波を選ぶ</span>
              </th>
            )}
            <th scope="col">波</th>
            <th scope="col">発送日</th>
            <th scope="col">状態</th>
            <th scope="col" className="num">発送数</th>
            <th scope="col">市町村</th>
            <th scope="col">書き出し</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {waves.map((w) => {
            const planned = w.status === 'planned';
            const names = w.members.map((m) => `${municipalityName(m.code)}${m.postalGroupKeys ? `（〒${m.postalGroupKeys.join('・')}）` : ''}`);
            return (
              <tr key={w.id} data-testid={`wave-${w.id}`} data-status={w.status}>
                {isAdmin && (
                  <td>
                    {planned && <input type="checkbox" aria-label={`${w.name}を統合に選ぶ`} checked={chosen.has(w.id)} onChange={(e) => onChoose(w.id, e.target.checked)} />}
                  </td>
                )}
                <th scope="row">{w.name}</th>
                <td className="nowrap">{dayLabel(w.mailDate)}</td>
                <td>
                  <span className={`status status--${STATUS_TONE[w.status] ?? 'off'}`}>{w.statusLabel}</span>
                  {w.status === 'held' && w.heldReason && <div className="small">理由: {w.heldReason}</div>}
                  {w.placeholders > 0 && <div className="small text-danger">仮の申請書ID {formatNumber(w.placeholders)}件</div>}
                </td>
                <td className="num">{formatNumber(w.forms)}</td>
                <td className="detail">
                  {names.slice(0, 6).join('、')}
                  {names.length > 6 && ` ほか${names.length - 6}市町村`}
                </td>
                <td className="wave-progress">
                  {w.progress.total > 0 ? (
                    <ProgressBar label={`${w.name}の書き出し`} value={waveProgressPercent(w.progress)} detail={`${formatNumber(w.progress.written)}/${formatNumber(w.progress.total)}単位`} />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="actions wave-actions">
                  <span className="row-form">
                    {isAdmin && planned && (
                      <>
                        <button type="button" className="button" onClick={() => onAction('move', w)}>
                          日付変更<span className="visually-hidden">（{w.name}）</span>
                        </button>
                        {w.members.length > 1 && (
                          <button type="button" className="button" onClick={() => onAction('split', w)}>
                            分割<span className="visually-hidden">（{w.name}）</span>
                          </button>
                        )}
                      </>
                    )}
                    {ACTION_BUTTONS.filter((b) => w.allowedActions.includes(b.action) && (isAdmin || !b.adminOnly)).map((b) => (
                      <button key={b.action} type="button" className={`button ${b.tone ?? ''}`} onClick={() => onAction(b.action as WaveDialogAction, w)}>
                        {b.label}
                        <span className="visually-hidden">（{w.name}）</span>
                      </button>
                    ))}
                    {isAdmin && w.allowedActions.includes('unapprove') && (
                      <button type="button" className="button" onClick={() => setUnsupported(w.id)}>
                        承認取消<span className="visually-hidden">（{w.name}）</span>
                      </button>
                    )}
                    <button type="button" className="button button--quiet" onClick={() => void proof(w)}>
                      見本PDF<span className="visually-hidden">（{w.name}）</span>
                    </button>
                  </span>
                  {unsupported === w.id && (
                    <p className="small text-danger" role="status">
                      承認取消（計画中に戻す）は API が未対応です。
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
