/**
 * The synthetic campaign the guard evaluation runs: the 179 municipalities of
 * libs/municipalities/data, the survey's 614,058 forms apportioned by total population (no public count of
 * people aged 75+ per municipality exists), mailed in 8 weekly waves (5 business days apart).
 *
 * 札幌市 holds 39 % of the forms; as a planner would, it is split into four equal parts mailed in waves
 * 1, 3, 5 and 7, so a Sapporo spike always has a later Sapporo wave to hold until wave 7 is out. The other
 * 178 municipalities are mailed whole, largest first into the wave with the fewest forms so far, so each
 * wave carries about 76,800 forms. (Deliberately simple: the real planner lives in libs/mailing/src/planning.)
 */
import { addBusinessDays, apportion, type ForecastWave, type IsoDate } from '@wavedesk/forecast';
import { loadMunicipalities, SURVEY_TARGETS, type MunicipalityRow } from '../../libs/forecast/src/testing/hokkaido-plan';

export const SAPPORO = '011002';
export const WAVE_COUNT = 8;
export const SPACING_BUSINESS_DAYS = 5;
export const FIRST_MAIL_DATE: IsoDate = '2027-02-01';
const SAPPORO_WAVES = [0, 2, 4, 6];

export interface PlannedWave {
  id: string;
  seq: number;
  mailDate: IsoDate;
  /** One forecast wave per municipality in it. */
  members: ForecastWave[];
  forms: number;
}

export interface CampaignPlan {
  municipalities: MunicipalityRow[];
  waves: PlannedWave[];
}

export function buildCampaignPlan(): CampaignPlan {
  const municipalities = loadMunicipalities();
  const forms = apportion(SURVEY_TARGETS, municipalities.map((m) => m.population));
  const waves: PlannedWave[] = [];
  let date = FIRST_MAIL_DATE;
  for (let i = 0; i < WAVE_COUNT; i++) {
    waves.push({ id: `wave-${i + 1}`, seq: i + 1, mailDate: date, members: [], forms: 0 });
    date = addBusinessDays(date, SPACING_BUSINESS_DAYS);
  }
  const add = (w: PlannedWave, code: string, n: number) => {
    w.members.push({ id: w.id, municipalityCode: code, mailDate: w.mailDate, forms: n });
    w.forms += n;
  };
  const order = municipalities.map((m, i) => ({ code: m.code, forms: forms[i] })).sort((a, b) => b.forms - a.forms);
  for (const m of order) {
    if (m.code === SAPPORO) {
      const parts = apportion(m.forms, SAPPORO_WAVES.map(() => 1));
      SAPPORO_WAVES.forEach((w, i) => add(waves[w], m.code, parts[i]));
      continue;
    }
    let target = waves[0];
    for (const w of waves) if (w.forms < target.forms) target = w;
    add(target, m.code, m.forms);
  }
  return { municipalities, waves };
}
