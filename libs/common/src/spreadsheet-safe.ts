/**
 * A CSV cell that Excel will not run as a formula (CSV injection): text starting with = + - @ or a tab or
 * carriage return gets a leading apostrophe, as OWASP recommends. Anything a user or a caller could have
 * typed (usernames tried at sign-in, notes) goes through this before it is exported.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
