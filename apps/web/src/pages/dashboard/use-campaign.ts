import { useEffect, useState } from 'react';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError, type ForecastView } from '../../api';
import { useApi } from '../../auth';
import { useLiveEvent } from '../../live';
import { campaignRange, parseDailyPivotCsv, type CampaignRange } from './campaign-curve';

export interface Campaign {
  /** the forecast over the campaign (or the default range when there are no waves yet) */
  forecast: ForecastView | null;
  range: CampaignRange | null;
  /** inquiries per day before today, from the first mailing on */
  pastCounts: Map<string, number>;
  error: ApiError | null;
}

const dayBefore = (isoDate: string): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The campaign's forecast by day and what was logged on each past day. Two or three requests when the page
 * opens (the forecast, again over the campaign's own dates, and one pivot of counts per day); today's count
 * comes live from the load figures. Loaded again when `forecast:update` says the plan changed.
 */
export function useCampaign(today: string): Campaign {
  const api = useApi();
  const [campaign, setCampaign] = useState<Campaign>({ forecast: null, range: null, pastCounts: new Map(), error: null });
  const [generation, setGeneration] = useState(0);
  useLiveEvent(LIVE_EVENTS.forecastUpdate, () => setGeneration((g) => g + 1));

  useEffect(() => {
    let current = true;
    const load = async () => {
      const first = await api.forecast({ granularity: 'day' });
      const range = campaignRange(first.waves, today);
      if (!range) return { forecast: first, range: null, pastCounts: new Map<string, number>(), error: null };
      const forecast = range.from === first.from && range.to === first.to ? first : await api.forecast({ from: range.from, to: range.to, granularity: 'day' });
      let pastCounts = new Map<string, number>();
      if (range.from < today) {
        const csv = await api.inquiries.exportCsv({ from: range.from, to: dayBefore(today) }, { pivot: 'day' });
        pastCounts = parseDailyPivotCsv(await csv.text());
      }
      return { forecast, range, pastCounts, error: null };
    };
    load()
      .then((c) => current && setCampaign(c))
      .catch((e: unknown) => current && setCampaign((c) => ({ ...c, error: ApiError.from(e) })));
    return () => {
      current = false;
    };
  }, [api, today, generation]);

  return campaign;
}
