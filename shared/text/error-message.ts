/**
 * The text of a thrown value: an Error's message, anything else (a string, a rejected non-Error) as a string.
 * The one place that decides this; messages shown to the user or logged start from it.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
