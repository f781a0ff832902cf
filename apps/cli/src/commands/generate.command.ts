import { resolve } from 'node:path';
import { DEFAULT_DATASET, formatCount, generateDataset } from '@wavedesk/imports';
import { assertKnown, numberOption, option, UsageError, type Args, type Output } from './args';

export const GENERATE_USAGE =
  'generate [--insured N] [--holder-rate R] [--seed S] [--encoding shift_jis|utf-8] [--out DIR] [--near-matches N] [--application-ids]';

/** Writes a synthetic insured list and card-holder list and prints the counts a correct import and match must find. */
export async function generateCommand(args: Args, out: Output): Promise<number> {
  assertKnown(args, ['insured', 'holder-rate', 'seed', 'encoding', 'out', 'near-matches', 'application-ids']);
  const encoding = option(args, 'encoding') ?? 'shift_jis';
  if (encoding !== 'shift_jis' && encoding !== 'utf-8') throw new UsageError('--encoding は shift_jis か utf-8 で指定してください。');
  const dir = resolve(option(args, 'out') ?? 'data/synthetic');
  const started = Date.now();
  const insured = numberOption(args, 'insured', (n) => Number.isInteger(n) && n > 0, '1以上の整数');
  // The default set plants 200 typos among 838,877 persons; a smaller set gets as many in proportion.
  const near = numberOption(args, 'near-matches', (n) => Number.isInteger(n) && n >= 0, '0以上の整数')
    ?? (insured === undefined ? undefined : Math.max(1, Math.round((DEFAULT_DATASET.nearMatches * insured) / DEFAULT_DATASET.insured)));
  const result = await generateDataset({
    dir,
    encoding,
    insured,
    holderRate: numberOption(args, 'holder-rate', (n) => n >= 0 && n < 1, '0以上1未満の数'),
    seed: numberOption(args, 'seed', Number.isInteger, '整数'),
    nearMatches: near,
    applicationIds: args.options.has('application-ids'),
  });
  const e = result.expected;
  out.line(`合成データを書き出しました（${((Date.now() - started) / 1000).toFixed(1)} 秒、seed ${result.seed}、${encoding}、年齢は ${result.referenceDate} 時点）:`);
  out.line(`  被保険者一覧     ${result.files.insured}`);
  out.line(`  カード取得者一覧 ${result.files.cardHolders}`);
  if (result.files.applicationIds) out.line(`  申請書ID一覧     ${result.files.applicationIds}`);
  out.line(`  期待値           ${result.files.expected}`);
  out.line(`被保険者 ${formatCount(e.insured)} 人 / カード取得者 ${formatCount(e.holders)} 人（うち被保険者番号つき ${formatCount(e.holdersWithInsuredNumber)}）`);
  out.line(`突合で期待される結果: 除外 ${formatCount(e.excluded)} / 要確認 ${formatCount(e.review)}（1文字違いの取得者）/ 送付対象 ${formatCount(e.targets)}`);
  if (e.insured === DEFAULT_DATASET.insured) out.line('（既定の規模: 838,877 人 × (1 − 0.268) = 614,058 人が送付対象）');
  out.line('被保険者は市町村の総人口に比例して配分しています（75歳以上人口の市町村別の公表値がないための近似です）。');
  return 0;
}
