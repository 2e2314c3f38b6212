import { plural } from '../format/plural';

/** "3 images", or "2 of 30 images" while a search or filter hides some. */
export function countLabel(shown: number, total: number, noun: Noun): string {
  const word = total === 1 ? noun.one : noun.many;
  return shown === total ? `${total} ${word}` : `${shown} of ${total} ${word}`;
}

export interface Noun {
  one: string;
  many: string;
}

/** "1 volume", "4 volumes". */
export function counted(count: number, noun: Noun): string {
  return plural(count, noun.one, noun.many);
}
