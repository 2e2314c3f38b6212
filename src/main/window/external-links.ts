/**
 * Whether a link the app page asked to open may go to the system browser. Only plain web
 * links: http and https, parseable, with no credentials in them. Never file:, javascript:,
 * custom schemes (which could start other programs) or anything else.
 */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > 2048 || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}
