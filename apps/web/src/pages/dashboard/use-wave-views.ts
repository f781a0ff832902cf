import { useEffect, useState } from 'react';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import type { WaveView } from '../../api';
import { useApi } from '../../auth';
import { useLiveEvent } from '../../live';
import { readWaveStatus } from './waves';

/**
 * Every wave of every batch with its status, from the waves API, kept current by `wave:status`. null while
 * the waves API cannot answer (not there yet, or no right): the time line then shows the forecast's waves.
 */
export function useWaveViews(): Map<string, WaveView> | null {
  const api = useApi();
  const [views, setViews] = useState<Map<string, WaveView> | null>(null);
  const [generation, setGeneration] = useState(0);
  useLiveEvent(LIVE_EVENTS.forecastUpdate, () => setGeneration((g) => g + 1));
  useLiveEvent<unknown>(LIVE_EVENTS.waveStatus, (payload) => {
    const status = readWaveStatus(payload);
    if (!status) return;
    const p = payload as Partial<WaveView>;
    setViews((map) => {
      const next = new Map(map ?? []);
      const old = next.get(status.waveId);
      if (old) next.set(status.waveId, { ...old, status: status.status, heldReason: status.status === 'held' ? (status.reason ?? old.heldReason) : null, mailDate: p.mailDate ?? old.mailDate });
      else if (typeof p.mailDate === 'string') {
        next.set(status.waveId, {
          id: Number(status.waveId), batchId: p.batchId ?? 0, seq: p.seq ?? 0, name: p.name ?? `波 ${status.waveId}`, mailDate: p.mailDate, status: status.status,
          heldReason: status.status === 'held' ? (status.reason ?? null) : null, forms: 0, municipalityCodes: [],
        });
      }
      return next;
    });
  });

  useEffect(() => {
    let current = true;
    const load = async () => {
      const batches = await api.waves.batches();
      const lists = await Promise.all(batches.map((b) => api.waves.forBatch(b.id)));
      return new Map(lists.flat().map((w) => [String(w.id), w]));
    };
    load()
      .then((map) => current && setViews(map))
      .catch(() => current && setViews(null)); // the waves API is not there yet: the forecast's list stands alone
    return () => {
      current = false;
    };
  }, [api, generation]);

  return views;
}
