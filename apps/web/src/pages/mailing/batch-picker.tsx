import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import type { Batch, Campaign } from '../../api/mailing-types';
import { ErrorAlert } from '../../components';
import { dayLabel } from './mailing-format';
import { useMailingApi } from './use-mailing-api';

/** Which 発送回 the tab works on; the choice is kept in the address. Answers the chosen batch to its tab. */
export function BatchPicker({ batchId, onChoose, onBatch }: { batchId: number | null; onChoose: (id: number | null) => void; onBatch: (batch: Batch | null) => void }) {
  const api = useMailingApi();
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [campaigns, setCampaigns] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.batches.list(), api.campaigns.list()])
      .then(([b, c]: [Batch[], Campaign[]]) => {
        if (!live) return;
        setBatches(b);
        setCampaigns(new Map(c.map((x) => [x.id, x.name])));
      })
      .catch((e: unknown) => live && setError(ApiError.from(e)));
    return () => {
      live = false;
    };
  }, [api]);

  const chosen = batches?.find((b) => b.id === batchId) ?? null;
  const onBatchRef = useRef(onBatch);
  onBatchRef.current = onBatch;
  useEffect(() => {
    onBatchRef.current(chosen);
  }, [chosen]);

  return (
    <div className="batch-picker">
      <ErrorAlert error={error} />
      <label htmlFor="batch-picker">発送回</label>
      <select id="batch-picker" value={chosen?.id ?? ''} onChange={(e) => onChoose(e.target.value ? Number(e.target.value) : null)} disabled={!batches}>
        <option value="">{batches?.length === 0 ? '発送回がありません（送付事業・発送回で作成）' : '選んでください'}</option>
        {batches?.map((b) => (
          <option key={b.id} value={b.id}>
            {campaigns.get(b.campaignId) ?? `送付事業 ${b.campaignId}`} / {b.name}（発送 {dayLabel(b.mailFrom)}〜）
          </option>
        ))}
      </select>
    </div>
  );
}
