import { ComingSoon } from '../../components';

/** ダッシュボード: the supervisor's live dashboard (issue 6). Placeholder until it is built. */
export function DashboardPage() {
  return (
    <ComingSoon title="ダッシュボード">
      <p>本日の問い合わせ件数を試算と比べ、市町村別・時間帯別の負荷をリアルタイムで表示する画面です。</p>
    </ComingSoon>
  );
}
