import { useMemo } from 'react';
import { MailingApi } from '../../api/mailing-api';
import { useAuth } from '../../auth';

/** The 発送 routes, bound to the signed-in user's token; a refused token ends the session as elsewhere. */
export function useMailingApi(): MailingApi {
  const { api, session } = useAuth();
  const token = session?.accessToken ?? null;
  return useMemo(
    () =>
      new MailingApi(api.http, () => token, () => {
        // Asking the API who we are makes the shared client sign out with the API's message.
        void api.auth.me().catch(() => undefined);
      }),
    [api, token],
  );
}
