import type { ImageSummary } from '../../../shared';
import { shortImageId } from './image-id';

export const danglingName = '<none>:<none>';

const textCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** One table row: an image, with the name it is listed under and the rest of its tags. */
export interface ImageRow {
  id: string;
  shortId: string;
  name: string;
  extraTags: string[];
  size: number;
  created: number;
  containers: number;
}

export type ImageSortKey = 'name' | 'id' | 'size' | 'created' | 'containers';
export type SortDirection = 'asc' | 'desc';

export interface ImageSort {
  key: ImageSortKey;
  direction: SortDirection;
}

export const defaultImageSort: ImageSort = { key: 'created', direction: 'desc' };

function pathDepth(tag: string): number {
  return tag.split('/').length;
}

/** The plainest name first: `app:1.0` before `registry.example:5000/team/app:1.0`. */
function compareTagsForDisplay(a: string, b: string): number {
  return pathDepth(a) - pathDepth(b) || textCollator.compare(a, b);
}

export function toImageRow(image: ImageSummary): ImageRow {
  // Older engines list a dangling image under the placeholder tag instead of no tag.
  const tags = image.repoTags.filter((tag) => tag !== danglingName).sort(compareTagsForDisplay);
  return {
    id: image.id,
    shortId: shortImageId(image.id),
    name: tags[0] ?? danglingName,
    extraTags: tags.slice(1),
    size: image.size,
    created: image.created,
    containers: image.containers,
  };
}

/** Case-insensitive match of any of the image's names, or its id (short or full). */
export function matchesSearch(row: ImageRow, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return (
    row.name.toLowerCase().includes(needle) ||
    row.extraTags.some((tag) => tag.toLowerCase().includes(needle)) ||
    row.id.toLowerCase().includes(needle)
  );
}

function compareBy(key: ImageSortKey, a: ImageRow, b: ImageRow): number {
  switch (key) {
    case 'name':
      return textCollator.compare(a.name, b.name);
    case 'id':
      return textCollator.compare(a.shortId, b.shortId);
    case 'size':
    case 'created':
    case 'containers':
      return a[key] - b[key];
  }
}

/** A new sorted array; ties fall back to the id so the order never flickers between renders. */
export function sortImageRows(rows: readonly ImageRow[], sort: ImageSort): ImageRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const bySort = (a: ImageRow, b: ImageRow) =>
    sign * compareBy(sort.key, a, b) || textCollator.compare(a.id, b.id);
  if (sort.key !== 'name') return [...rows].sort(bySort);

  // Dangling images have no name to sort by: they stay at the end, newest first, either way.
  const isDangling = (row: ImageRow) => row.name === danglingName;
  const named = rows.filter((row) => !isDangling(row)).sort(bySort);
  const dangling = rows
    .filter(isDangling)
    .sort((a, b) => b.created - a.created || textCollator.compare(a.id, b.id));
  return [...named, ...dangling];
}

/** Clicking the current column flips it; a new column starts where people expect it to. */
export function nextSort(current: ImageSort, key: ImageSortKey): ImageSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  const startsDescending = key === 'created' || key === 'size' || key === 'containers';
  return { key, direction: startsDescending ? 'desc' : 'asc' };
}

export const imageNoun = { one: 'image', many: 'images' };
