import { danglingName, type ImageRow } from './image-rows';

/** The quick filters of the images list, as `docker images --filter` offers them. */
export const imageFilters = ['all', 'dangling', 'in-use', 'unused'] as const;
export type ImageFilter = (typeof imageFilters)[number];

export const imageFilterLabels: Record<ImageFilter, string> = {
  all: 'All',
  dangling: 'Dangling',
  'in-use': 'In use',
  unused: 'Unused',
};

export function matchesFilter(row: ImageRow, filter: ImageFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'dangling':
      return row.name === danglingName;
    case 'in-use':
      return row.containers > 0;
    case 'unused':
      return row.containers === 0;
  }
}
