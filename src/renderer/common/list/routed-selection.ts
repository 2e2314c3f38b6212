import { useState } from 'react';
import { maxSelectedInUrl } from '../routes';
import { emptySelection, keepShown, type Selection } from '../table/selection';

/** The one row in detail as the URL names it, or the several chosen, and how to name others. */
export interface RoutedChoice {
  key: string | undefined;
  /** Several rows chosen, by the ids the URL gives them (`urlId`); absent for one or none. */
  selected?: readonly string[] | undefined;
  /** Names one row (`key`), several (`selected`, by their URL ids) or none. */
  go(key: string | undefined, selected?: string[]): void;
}

export const only = (key: string): Selection => ({ selected: new Set([key]), anchor: key });
const several = (keys: readonly string[]): Selection => ({
  selected: new Set(keys),
  anchor: keys[0],
});
export const sameId = (key: string) => key;

/** What the URL names, as one text: it tells a move from outside from the list's own. */
const routeSignature = (key: string | undefined, selected: readonly string[] | undefined) =>
  key ?? selected?.join(',') ?? '';

function routedSelection(routed: RoutedChoice | undefined): Selection {
  if (routed?.key !== undefined) return only(routed.key);
  if (routed?.selected && routed.selected.length > 1) return several(routed.selected);
  return emptySelection;
}

/**
 * The rows chosen in a list whose choice lives in the URL: the one row in detail, or several
 * (up to `maxSelectedInUrl`) by `urlId` of their keys (a short id). Choosing names them there;
 * Back, a reload or a link that names rows chooses them. Rows the URL chose stay named by their
 * URL ids until `resolveChosen` matches them with the rows listed.
 */
export function useRoutedSelection(
  routed: RoutedChoice | undefined,
  urlId: (key: string) => string = sameId,
): [Selection, (next: Selection) => void] {
  const signature = routeSignature(routed?.key, routed?.selected);
  const [chosen, setChosenHere] = useState<Selection>(() => routedSelection(routed));
  const [seenSignature, setSeenSignature] = useState(signature);
  if (routed && signature !== seenSignature) {
    // The URL named other rows (Back, a link): choose them.
    setSeenSignature(signature);
    setChosenHere(routedSelection(routed));
  }
  const setChosen = (next: Selection) => {
    setChosenHere(next);
    if (!routed) return;
    const keys = [...next.selected];
    const [key] = keys.length === 1 ? keys : [];
    const named = keys.length > 1 && keys.length <= maxSelectedInUrl ? keys.map(urlId) : undefined;
    const nextSignature = routeSignature(key, named);
    // Seen before it is named, so naming it is not read back as a move from outside.
    setSeenSignature(nextSignature);
    if (nextSignature !== signature) routed.go(key, named);
  };
  return [chosen, setChosen];
}

/** The choice among the rows shown (`keys`, in order), the URL's ids matched to row keys. */
export function resolveChosen(
  chosen: Selection,
  keys: readonly string[],
  urlId: (key: string) => string,
): Selection {
  const keyOfUrlId = new Map(keys.map((key) => [urlId(key), key]));
  const resolved = new Set([...chosen.selected].map((id) => keyOfUrlId.get(id) ?? id));
  const anchor = chosen.anchor === undefined ? undefined : keyOfUrlId.get(chosen.anchor);
  return keepShown({ selected: resolved, anchor: anchor ?? chosen.anchor }, keys);
}

/** The ids the URL names as chosen that no listed row (`keys`, all of them) answers to. */
export function goneFromUrl(
  selected: readonly string[] | undefined,
  keys: readonly string[],
  urlId: (key: string) => string = sameId,
): string[] {
  if (!selected || selected.length === 0) return [];
  const listed = new Set(keys.map(urlId));
  return selected.filter((id) => !listed.has(id));
}
