import type { ConfirmRequest } from '../ConfirmDialog';

export interface InUseItem {
  name: string;
  /** What uses it: container names. */
  users: readonly string[];
}

/**
 * Said in a removal's confirmation when some of the things are in use, before anything is
 * tried: which, by what, and what forcing does. Undefined when nothing is in use.
 */
export function inUseWarning(
  items: readonly InUseItem[],
  forceEffect: string,
): ConfirmRequest['inUse'] {
  const used = items.filter((item) => item.users.length > 0);
  if (used.length === 0) return undefined;
  const who = used.map((item) => `${item.name} is used by ${item.users.join(', ')}.`).join(' ');
  const them = used.length === 1 ? 'it' : 'them';
  return {
    message: `${who} Remove leaves ${them} alone; Force remove ${forceEffect}`,
    forceLabel: 'Force remove',
  };
}
