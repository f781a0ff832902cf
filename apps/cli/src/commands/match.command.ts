import type { INestApplicationContext } from '@nestjs/common';
import { DomainError } from '@wavedesk/common';
import { formatCount } from '@wavedesk/imports';
import { MatchRunner, type StoredCounts } from '../../../../libs/mailing/src/matching';
import { UsageError, type Args, type Output } from './args';
import { cliActor } from './import.command';

export const MATCH_USAGE = 'match <batchId>';

/** Matches a batch right here (no queue), prints the counts and how fast it went. Exit code 0 when done. */
export async function matchCommand(app: INestApplicationContext, args: Args, out: Output): Promise<number> {
  const batchId = Number(args.positional[0]);
  if (!Number.isInteger(batchId) || batchId <= 0) throw new UsageError(`使い方: ${MATCH_USAGE}`);
  if (args.options.size) throw new UsageError('match にオプションはありません。');
  const runner = app.get(MatchRunner);
  let run;
  try {
    run = await runner.createRun(batchId, cliActor().username);
  } catch (error) {
    if (error instanceof DomainError) {
      out.line(error.message);
      return 1;
    }
    throw error;
  }
  const report = await runner.run(run.id, (e) => out.progress(`突合ID ${e.runId}: ${e.step} ${e.progress}%`));
  if (report.run.status !== 'done') {
    out.line(`突合ID ${run.id}: ${report.run.message ?? '失敗しました。'}`);
    return 1;
  }
  const counts = Object.values(JSON.parse(report.run.summary ?? '{}') as Record<string, StoredCounts>);
  const sum = (k: keyof StoredCounts) => formatCount(counts.reduce((a, c) => a + c[k], 0));
  out.line(`突合ID ${run.id}（発送回 ${batchId}）: 被保険者 ${sum('insured')} / 資格喪失 ${sum('disqualified')} / カード取得者 ${sum('cardHolders')} / 送付済み ${sum('alreadyFormed')} / 要確認 ${sum('review')} / 送付対象 ${sum('target')}`);
  const rate = report.persons / Math.max(report.matchMs / 1000, 1e-6);
  out.line(
    `読込 ${(report.loadMs / 1000).toFixed(2)} 秒（被保険者 ${formatCount(report.persons)}、カード取得者 ${formatCount(report.holders)}）、` +
      `照合 ${(report.matchMs / 1000).toFixed(3)} 秒（${formatCount(Math.round(rate))} 人/秒、氏名の近似確認 ${formatCount(report.nearCandidates)} 人）、書込 ${(report.writeMs / 1000).toFixed(2)} 秒`,
  );
  return 0;
}
