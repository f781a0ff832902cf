import type { ApiError } from '../../api';

/**
 * The message to show next to each field of a user form. The API names fields in `errors`; a taken user
 * name comes back as a 409 without them, so it is placed next to the user name here.
 */
export function userFieldMessages(error: ApiError | null): Record<string, string> {
  if (!error) return {};
  const fields = error.fieldMessages();
  if (error.code === 'username_taken') fields.username ??= error.message;
  return fields;
}
