import { ComingSoon } from '../../components';

/** 窓口: the operator desk (issue 6). Placeholder until it is built. */
export function DeskPage() {
  return (
    <ComingSoon title="窓口">
      <p>電話・来庁の問い合わせを、市町村・区分・相手・結果を選んでキーボードだけで数秒で記録できる画面です。</p>
    </ComingSoon>
  );
}
