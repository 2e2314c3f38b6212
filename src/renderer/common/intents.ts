/**
 * What one page asks another to do when it sends the user there ("run a container from this
 * image"), without either feature importing the other: the sender leaves an intent and changes
 * the route, the page it names takes the intent once when it opens.
 */
export type PageIntent =
  | { kind: 'run-container'; image: string }
  /** Show one container (by its full id) with its logs or its terminal open. */
  | { kind: 'open-container'; container: string; tab: 'Logs' | 'Terminal' };

let pending: PageIntent | undefined;

export function navigateWithIntent(route: string, intent: PageIntent): void {
  pending = intent;
  window.location.hash = `#/${route}`;
}

/** The waiting intent of this kind, if any; taking it clears it. */
export function takeIntent<K extends PageIntent['kind']>(
  kind: K,
): Extract<PageIntent, { kind: K }> | undefined {
  if (pending?.kind !== kind) return undefined;
  const intent = pending as Extract<PageIntent, { kind: K }>;
  pending = undefined;
  return intent;
}
