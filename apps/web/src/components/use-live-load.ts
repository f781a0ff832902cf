import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LIVE_EVENTS, type ServerClockView, type SimulationView } from '@wavedesk/contracts';
import { ApiError, type InquiryRecord, type LoadReport } from '../api';
import { serverNow, type ClockSample } from '../api/simulation-clock';
import { SimulationApi } from '../api/simulation-api';
import { useApi } from '../auth';
import { useLiveConnection, useLiveEvent } from '../live';
import { addInquiry, applySnapshot, initialLiveLoad, liveLoadView, type LiveLoadState } from './live-load';

type Pushed = { kind: 'inquiry'; record: InquiryRecord } | { kind: 'snapshot'; report: LoadReport };

export interface LiveLoad {
  /** Today's figures, null while loading. */
  report: LoadReport | null;
  error: ApiError | null;
  /** Loads `GET /api/load` again. */
  reload: () => void;
}

/**
 * Today's load for the signed-in user's scope (all of Hokkaido, or a municipal user's own municipality):
 * `GET /api/load` once, then live from `inquiry:logged` and `load:update`. Loads again only when the live
 * connection comes back after a drop (events may have been missed), when the forecast changed, or when the
 * day changed. Never polls.
 */
export function useLiveLoad(): LiveLoad {
  const api = useApi();
  const { status } = useLiveConnection();
  const [state, setState] = useState<LiveLoadState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  /** What was pushed while `GET /api/load` was on its way, applied once it answers. */
  const early = useRef<Pushed[] | null>([]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const baseDate = useRef<string | null>(null);
  baseDate.current = state?.base.date ?? null;

  useEffect(() => {
    let current = true;
    early.current = [];
    api
      .load()
      .then((report) => {
        if (!current) return;
        let next = initialLiveLoad(report);
        for (const pushed of early.current ?? []) {
          next = pushed.kind === 'inquiry' ? addInquiry(next, pushed.record) : applySnapshot(next, pushed.report);
        }
        early.current = null;
        setState(next);
        setError(null);
      })
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api, generation]);

  useLiveEvent<InquiryRecord>(LIVE_EVENTS.inquiryLogged, (record) => {
    if (early.current) early.current.push({ kind: 'inquiry', record });
    else setState((s) => (s ? addInquiry(s, record) : s));
  });

  useLiveEvent<LoadReport>(LIVE_EVENTS.loadUpdate, (report) => {
    if (early.current) {
      early.current.push({ kind: 'snapshot', report });
      return;
    }
    // A new day (the hourly snapshot after midnight): the hours per municipality start over, so load afresh.
    if (baseDate.current && report.date > baseDate.current) reload();
    else setState((s) => (s ? applySnapshot(s, report) : s));
  });

  useLiveEvent(LIVE_EVENTS.forecastUpdate, () => reload());

  // Back after a drop: what was pushed meanwhile is lost, so count again.
  const wasDown = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasDown.current = true;
    if (status === 'connected' && wasDown.current) {
      wasDown.current = false;
      reload();
    }
  }, [status, reload]);

  const report = useMemo(() => (state ? liveLoadView(state) : null), [state]);
  return { report, error, reload };
}

/**
 * The current time as the server sees it, updated every `everyMs` (for "today" and "so far today"
 * figures). While a simulation runs (docs/simulator.md) that is the simulated time: it comes with
 * `simulation:progress` and moves every second; otherwise it is the browser's clock. Never polls.
 */
export function useNow(everyMs = 60_000): Date {
  const api = useApi();
  const sample = useRef<ClockSample | null>(null);
  const [simulated, setSimulated] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const heard = useCallback((view: ServerClockView) => {
    sample.current = { view, receivedAt: Date.now() };
    setSimulated(view.simulationId !== null);
  }, []);

  useEffect(() => {
    new SimulationApi(api.http).clock().then(heard, () => undefined);
  }, [api, heard]);
  useLiveEvent<SimulationView>(LIVE_EVENTS.simulationProgress, (v) =>
    heard(v.simulatedNow && v.clockRate ? { now: v.simulatedNow, simulationId: v.id, rate: v.clockRate } : { now: new Date().toISOString(), simulationId: null, rate: 1 }),
  );

  useEffect(() => {
    setNow(serverNow(sample.current));
    const timer = window.setInterval(() => setNow(serverNow(sample.current)), simulated ? Math.min(everyMs, 1_000) : everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs, simulated]);
  return now;
}
