import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { InquiryRecord } from '../../api';
import { useApi } from '../../auth';
import { InquiryOutbox, outboxStorageKey, type OutboxEntry } from './inquiry-outbox';

/**
 * The signed-in user's outbox, kept in localStorage (it survives a closed tab and a lost session; entries
 * resend with the same user's token, so their Idempotency-Keys still match). Sends what is waiting when the
 * page opens, at once when the browser is online again, and follows changes other tabs make.
 */
export function useInquiryOutbox(userId: number, onSent?: (record: InquiryRecord) => void): { outbox: InquiryOutbox; entries: OutboxEntry[] } {
  const api = useApi();
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;
  const outbox = useMemo(
    () =>
      new InquiryOutbox({
        storage: window.localStorage,
        storageKey: outboxStorageKey(userId),
        send: (inquiry, key) => api.inquiries.log(inquiry, key),
        newKey: () => crypto.randomUUID(),
        onSent: (record) => onSentRef.current?.(record),
      }),
    [api, userId, onSentRef],
  );

  useEffect(() => {
    const online = () => void outbox.retryNow();
    const storage = (event: StorageEvent) => {
      if (event.key === outboxStorageKey(userId)) outbox.reload();
    };
    window.addEventListener('online', online);
    window.addEventListener('storage', storage);
    void outbox.start();
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('storage', storage);
      outbox.dispose();
    };
  }, [outbox, userId]);

  const entries = useSyncExternalStore(outbox.subscribe, outbox.entries);
  return { outbox, entries };
}
