import { useRef, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../auth';
import { PageHeader } from '../../components';
import { CampaignsSection } from './campaigns-section';
import { ImportsSection } from './imports-section';
import { MatchingSection } from './matching-section';
import { MAILING_TABS, tabFor, type MailingTab } from './mailing-tabs';
import { WavesSection } from './waves-section';
import { WhatIfSection } from './what-if-section';
import './mailing.css';

/**
 * 発送: 送付事業と発送回, 取込, 突合, 試算, 分散発送 as tabs. The tab and the chosen 発送回 live in the
 * address (?tab=waves&batch=3), so a page can be bookmarked and the browser's back button works.
 */
export function MailingPage() {
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const [params, setParams] = useSearchParams();
  const tabs = MAILING_TABS.filter((t) => isAdmin || !t.adminOnly);
  const current = tabFor(params.get('tab'), tabs);
  const batchId = Number(params.get('batch')) || null;
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const open = (tab: MailingTab, focus = false) => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('tab', tab);
      return next;
    });
    if (focus) buttons.current[tabs.findIndex((t) => t.key === tab)]?.focus();
  };
  const chooseBatch = (id: number | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id === null) next.delete('batch');
      else next.set('batch', String(id));
      return next;
    });
  const openBatch = (id: number, tab: MailingTab) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('batch', String(id));
      next.set('tab', tab);
      return next;
    });

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Home and End go to the first and last.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.key === current);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    open(tabs[(to + tabs.length) % tabs.length].key, true);
  };

  return (
    <>
      <PageHeader title="発送">送付事業の発送回ごとに、名簿の取込、突合、試算、分散発送の計画と発送指示を行います。</PageHeader>
      <div className="mailing-tabs" role="tablist" aria-label="発送の作業" onKeyDown={onKeyDown}>
        {tabs.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`mailing-tab-${t.key}`}
            aria-controls="mailing-panel"
            aria-selected={t.key === current}
            tabIndex={t.key === current ? 0 : -1}
            className="mailing-tabs__tab"
            onClick={() => open(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <section id="mailing-panel" role="tabpanel" aria-labelledby={`mailing-tab-${current}`} className="mailing-panel">
        {current === 'campaigns' && <CampaignsSection isAdmin={isAdmin} onOpenBatch={openBatch} />}
        {current === 'imports' && <ImportsSection />}
        {current === 'matching' && <MatchingSection batchId={batchId} onChooseBatch={chooseBatch} isAdmin={isAdmin} />}
        {current === 'what-if' && <WhatIfSection />}
        {current === 'waves' && <WavesSection batchId={batchId} onChooseBatch={chooseBatch} isAdmin={isAdmin} />}
      </section>
    </>
  );
}
