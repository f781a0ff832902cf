import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import type { Batch } from '../../api/mailing-types';
import { ErrorAlert, Field } from '../../components';
import { useMailingApi } from './use-mailing-api';

/** Codes typed as "011002, 012025" (full-width and 、 too); empty: all 179. */
export function parseMunicipalityCodes(text: string): string[] | undefined {
  const codes = text.normalize('NFKC').split(/[\s,、]+/).filter(Boolean);
  return codes.length > 0 ? codes : undefined;
}

/** 新しい発送回: name, match date, mailing window, and optionally the municipalities. Errors by each field. */
export function BatchForm({ campaignId, onCreated }: { campaignId: number; onCreated: (batch: Batch) => void }) {
  const api = useMailingApi();
  const [name, setName] = useState('');
  const [matchDate, setMatchDate] = useState('');
  const [mailFrom, setMailFrom] = useState('');
  const [mailTo, setMailTo] = useState('');
  const [codes, setCodes] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const batch = await api.campaigns.createBatch(campaignId, { name: name.trim(), matchDate, mailFrom, mailTo, municipalityCodes: parseMunicipalityCodes(codes) });
      setName('');
      setCodes('');
      onCreated(batch);
    } catch (e) {
      setError(ApiError.from(e));
    } finally {
      setBusy(false);
    }
  };

  const fields = error?.fieldMessages() ?? {};
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-batch-title">
      <h2 id="new-batch-title">新しい発送回</h2>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <Field id="batch-name" label="発送回の名前" hint="例: 1回目分" error={fields.name}>
          {(p) => <input {...p} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="batch-match-date" label="突合基準日" hint="この日のカード取得者を除きます" error={fields.matchDate}>
          {(p) => <input {...p} type="date" value={matchDate} onChange={(e) => setMatchDate(e.target.value)} />}
        </Field>
        <Field id="batch-mail-from" label="発送開始日" error={fields.mailFrom}>
          {(p) => <input {...p} type="date" value={mailFrom} onChange={(e) => setMailFrom(e.target.value)} />}
        </Field>
        <Field id="batch-mail-to" label="発送終了日" error={fields.mailTo}>
          {(p) => <input {...p} type="date" value={mailTo} onChange={(e) => setMailTo(e.target.value)} />}
        </Field>
        <Field id="batch-municipalities" label="市町村コード（任意）" hint="空欄なら全179市町村。複数はカンマ区切り" error={fields.municipalityCodes}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="off" value={codes} onChange={(e) => setCodes(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        発送回を作成
      </button>
    </form>
  );
}
