import type { LoadReport } from '../../api';
import { LoadLevelBadge } from '../../components/load-level-badge';
import { formatExpected } from '../../components/hourly-rows';
import { formatRatio } from '../../components/load-level';
import { forecastSoFar } from '../../components/live-load';
import { formatDate, formatNumber } from '../../format';

/** Today's inquiries for all of Hokkaido in big figures: so far against the forecast so far, the day, this hour. */
export function TotalFigures({ report, fractionOfHour }: { report: LoadReport; fractionOfHour: number }) {
  const { day, thisHour, hours } = report.total;
  const expectedSoFar = forecastSoFar(hours, report.hour, fractionOfHour);
  return (
    <section className="figures" aria-label="本日の問い合わせ件数">
      <div className="figure figure--main">
        <p className="figure__label">本日の問い合わせ（全道）</p>
        <p className="figure__value">
          <span data-testid="dashboard-today-total">{formatNumber(day.actual)}</span>
          <span className="figure__unit">件</span>
        </p>
        <p className="figure__sub">{formatDate(`${report.date}T12:00:00+09:00`)}</p>
      </div>
      <div className="figure">
        <p className="figure__label">現時点までの試算</p>
        <p className="figure__value figure__value--mid">
          {formatExpected(expectedSoFar)}
          <span className="figure__unit">件</span>
        </p>
        <p className="figure__sub">
          <LoadLevelBadge actual={day.actual} expected={expectedSoFar} />
        </p>
      </div>
      <div className="figure">
        <p className="figure__label">本日1日の試算</p>
        <p className="figure__value figure__value--mid">
          {formatExpected(day.forecast)}
          <span className="figure__unit">件</span>
        </p>
        <p className="figure__sub">達成率 {formatRatio(day.ratio)}</p>
      </div>
      <div className="figure">
        <p className="figure__label">{report.hour !== null ? `${report.hour}時台` : 'この1時間'}</p>
        <p className="figure__value figure__value--mid">
          {formatNumber(thisHour?.actual ?? 0)}
          <span className="figure__unit">件</span>
        </p>
        <p className="figure__sub">試算 {formatExpected(thisHour?.forecast ?? 0)}件</p>
      </div>
    </section>
  );
}
