import { ComingSoon } from '../../components';

/** 発送: campaigns, batches and dispersed waves, with hold / resume / release. Placeholder until it is built. */
export function MailingPage() {
  return (
    <ComingSoon title="発送">
      <p>送付事業の発送回と分散発送の波を計画し、保留・再開・発送を行う画面です。</p>
    </ComingSoon>
  );
}
