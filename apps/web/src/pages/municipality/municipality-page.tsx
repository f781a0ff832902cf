import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { LIVE_EVENTS } from '@wavedesk/contracts';
import { ApiError, type ForecastWaveSummary, type Municipality } from '../../api';
import { useApi, useCurrentUser } from '../../auth';
import { ErrorAlert, Field, PageHeader } from '../../components';
import { HourlyLoadChart } from '../../components/hourly-load-chart';
import { formatExpected } from '../../components/hourly-rows';
import { forecastSoFar, jstDayAndHour } from '../../components/live-load';
import { LoadLevelBadge } from '../../components/load-level-badge';
import { useLiveLoad, useNow } from '../../components/use-live-load';
import { saveFile } from '../../download';
import { formatDate, formatNumber } from '../../format';
import { useLiveEvent } from '../../live';
import { MunicipalityCombobox } from '../desk/municipality-combobox';
import { ReferredInquiries } from './referred-inquiries';
import { wavesOf } from './referred';
import './municipality.css';

const day = (isoDate: string) => formatDate(`${isoDate}T12:00:00+09:00`);

/** `/municipality`: a municipal user goes to their own page; union roles choose a municipality. */
export function MunicipalityHome() {
  const user = useCurrentUser();
  const api = useApi();
  const navigate = useNavigate();
  const [list, setList] = useState<Municipality[]>([]);
  useEffect(() => {
    if (user.role !== 'municipal') void api.municipalities.list().then(setList, () => undefined);
  }, [api, user.role]);
  if (user.role === 'municipal' && user.municipalityCode) return <Navigate to={`/municipality/${user.municipalityCode}`} replace />;
  return (
    <>
      <PageHeader title="市町村ページ">市町村を選ぶと、その市町村の本日の状況・発送の予定・引継ぎを表示します。</PageHeader>
      <Field id="municipality-pick" label="市町村" hint="コード・漢字・よみの先頭を入力して Enter">
        {(p) => <MunicipalityCombobox {...p} municipalities={list} value={null} onPick={(m) => navigate(`/municipality/${m.code}`)} onConfirm={() => undefined} />}
      </Field>
    </>
  );
}

/**
 * 市町村ページ: one municipality's day (the same live figures as the dashboard), its waves with their
 * proofs, its target counts, and the inquiries the union referred to it. A municipal user sees only their
 * own; union roles open any from the dashboard's municipality table.
 */
export function MunicipalityPage() {
  const { code = '' } = useParams();
  const user = useCurrentUser();
  const api = useApi();
  const now = useNow(60_000);
  const [municipality, setMunicipality] = useState<Municipality | null | undefined>(undefined);
  const [waves, setWaves] = useState<ForecastWaveSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [forecastGeneration, setForecastGeneration] = useState(0);
  const [proofMessage, setProofMessage] = useState<string | null>(null);
  const { report, error: loadError } = useLiveLoad();
  const foreign = user.role === 'municipal' && user.municipalityCode !== code;

  useEffect(() => {
    if (foreign) return;
    let current = true;
    api.municipalities
      .list()
      .then((list) => current && setMunicipality(list.find((m) => m.code === code) ?? null))
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api, code, foreign]);

  useLiveEvent(LIVE_EVENTS.forecastUpdate, () => setForecastGeneration((g) => g + 1));
  useEffect(() => {
    if (foreign || !/^\d{6}$/.test(code)) return;
    let current = true;
    api
      .forecast({ municipality: code, granularity: 'day' })
      .then((f) => current && setWaves(wavesOf(f.waves, code)))
      .catch((e: unknown) => current && setError(ApiError.from(e)));
    return () => {
      current = false;
    };
  }, [api, code, foreign, forecastGeneration]);

  if (foreign) {
    return (
      <>
        <PageHeader title="このページは利用できません" />
        <p>ご担当の市町村のページだけを表示できます。</p>
        <p>
          <Link to={`/municipality/${user.municipalityCode}`}>ご担当の市町村のページへ</Link>
        </p>
      </>
    );
  }
  if (municipality === null) {
    return (
      <>
        <PageHeader title="市町村が見つかりません" />
        <p>市町村コード「{code}」は広域連合の市町村にありません。</p>
      </>
    );
  }

  const load = report?.municipalities.find((m) => m.municipalityCode === code) ?? null;
  const { hour: clockHour } = jstDayAndHour(now);
  const fraction = report && report.hour === clockHour ? (now.getUTCMinutes() + now.getUTCSeconds() / 60) / 60 : 1;
  const expectedSoFar = load?.hours ? forecastSoFar(load.hours, report?.hour ?? null, fraction) : 0;

  const downloadProof = async (waveId: string) => {
    setProofMessage(null);
    try {
      saveFile(await api.waves.proof(waveId), `proof-wave-${waveId}-${code}.pdf`);
    } catch (e) {
      const err = ApiError.from(e);
      setProofMessage(err.statusCode === 404 ? 'この波の校正刷り（PDF）はまだ用意されていません。' : err.message);
    }
  };

  return (
    <>
      <PageHeader title={municipality ? `${municipality.name}（${municipality.code}）` : '市町村ページ'}>
        {municipality && (
          <>
            {municipality.subprefecture}・人口 {formatNumber(municipality.population)}人・窓口で1日に対応できる件数 {formatNumber(municipality.counterCapacity)}件。{' '}
            <Link to="/desk">窓口で問い合わせを記録する</Link>
          </>
        )}
      </PageHeader>
      <ErrorAlert error={error ?? loadError} />

      <section aria-labelledby="today-heading">
        <h2 id="today-heading">本日の問い合わせ</h2>
        {load ? (
          <div className="figures">
            <div className="figure figure--main">
              <p className="figure__label">本日の問い合わせ</p>
              <p className="figure__value">
                <span data-testid="municipality-today-total">{formatNumber(load.day.actual)}</span>
                <span className="figure__unit">件</span>
              </p>
              <p className="figure__sub">{report && day(report.date)}</p>
            </div>
            <div className="figure">
              <p className="figure__label">現時点までの試算</p>
              <p className="figure__value figure__value--mid">
                {formatExpected(expectedSoFar)}
                <span className="figure__unit">件</span>
              </p>
              <p className="figure__sub">
                <LoadLevelBadge actual={load.day.actual} expected={expectedSoFar} />
              </p>
            </div>
            <div className="figure">
              <p className="figure__label">本日1日の試算</p>
              <p className="figure__value figure__value--mid">
                {formatExpected(load.day.forecast)}
                <span className="figure__unit">件</span>
              </p>
              <p className="figure__sub">{report?.hour !== null && load.thisHour ? `${report?.hour}時台 ${formatNumber(load.thisHour.actual)}件（試算 ${formatExpected(load.thisHour.forecast)}件）` : ''}</p>
            </div>
            <div className="figure">
              <p className="figure__label">窓口の対応可能件数</p>
              <p className="figure__value figure__value--mid">
                {municipality ? formatNumber(municipality.counterCapacity) : '—'}
                <span className="figure__unit">件/日</span>
              </p>
              <p className="figure__sub">
                {municipality && load.day.forecast > municipality.counterCapacity ? <strong className="text-danger">本日の試算が対応可能件数を超えています</strong> : '本日の試算は範囲内です'}
              </p>
            </div>
          </div>
        ) : (
          !loadError && <p role="status">読み込み中…</p>
        )}
        {load?.hours && (
          <>
            <h3 className="chart-heading">時間帯別</h3>
            <HourlyLoadChart hours={load.hours} currentHour={report?.hour ?? null} label="時間帯別の実績と試算" />
          </>
        )}
      </section>

      <section aria-labelledby="waves-heading">
        <h2 id="waves-heading">発送の予定</h2>
        {proofMessage && <p className="field__error" role="alert">{proofMessage}</p>}
        {waves === null ? (
          !error && <p role="status">読み込み中…</p>
        ) : waves.length === 0 ? (
          <p className="empty">この市町村への発送の波はまだありません。</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact" aria-label="発送の予定">
              <thead>
                <tr>
                  <th scope="col">発送日</th>
                  <th scope="col">到着見込み</th>
                  <th scope="col">問い合わせのピーク</th>
                  <th scope="col" className="num">通数</th>
                  <th scope="col" className="num">問い合わせの試算</th>
                  <th scope="col">校正刷り</th>
                </tr>
              </thead>
              <tbody>
                {waves.map((w) => (
                  <tr key={`${w.id ?? ''}-${w.mailDate}`}>
                    <td>{day(w.mailDate)}</td>
                    <td>{day(w.arrivalDate)}</td>
                    <td>{day(w.peakDate)}</td>
                    <td className="num">{formatNumber(w.forms)}</td>
                    <td className="num">{formatExpected(w.expectedInquiries)}</td>
                    <td>
                      {w.id ? (
                        <button type="button" className="button button--small" onClick={() => void downloadProof(w.id!)}>
                          PDF をダウンロード
                        </button>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">発送対象者数</h2>
        <p className="empty">突合結果はまだありません。</p>
      </section>

      <section aria-labelledby="referred-heading">
        <h2 id="referred-heading">市町村へ引継ぎされた問い合わせ</h2>
        <ReferredInquiries code={code} canMarkHandled={user.role !== 'operator'} />
      </section>
    </>
  );
}
