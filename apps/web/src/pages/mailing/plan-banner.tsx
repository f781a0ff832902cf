import type { PlanView } from '../../api/mailing-types';
import { formatNumber } from '../../format';
import { dayLabel, extensionText, violationExcessText } from './mailing-format';

/** Whether the plan fits its window and capacities; when not, every violation and by how much. */
export function PlanBanner({ plan }: { plan: PlanView }) {
  const e = plan.evaluation;
  const union = e.union;
  const peak = union.date ? `コールセンターの最も忙しい日は ${dayLabel(union.date)}（${formatNumber(union.load)}件／受付能力 ${Number.isFinite(union.capacity) ? formatNumber(union.capacity) : '—'}件）。` : '';
  if (e.fits) {
    return (
      <div className="alert alert--ok" role="status" data-testid="plan-fits">
        計画は発送期間内に収まり、どの日も受付能力を超えません。{peak}
      </div>
    );
  }
  const extension = extensionText(plan.windowExtension);
  return (
    <div className="alert alert--error plan-banner" role="alert" data-testid="plan-does-not-fit">
      <p className="plan-banner__title">計画が期間内に収まりません</p>
      <p>{e.summary}</p>
      {extension && <p>{extension}</p>}
      <ul>
        {e.violations.map((v, i) => (
          <li key={i}>
            {v.message}
            <span className="plan-banner__excess">（{violationExcessText(v)}）</span>
          </li>
        ))}
      </ul>
      {peak && <p>{peak}</p>}
    </div>
  );
}
