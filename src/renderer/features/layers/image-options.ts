import type { ImageSummary } from '../../../shared';

/** The name an image goes by in the pickers: its first tag, else its short id. */
export const nameOf = (image: ImageSummary) => image.repoTags[0] ?? image.id.slice(7, 19);

/**
 * The images a picker offers for what was typed: a match of any of the image's tags, or of
 * its id, so an image is found under each of its names, not only the one it is listed by.
 */
export function imagesMatching(images: readonly ImageSummary[], typed: string): ImageSummary[] {
  const needle = typed.trim().toLowerCase();
  if (needle === '') return [...images];
  return images.filter(
    (image) =>
      image.repoTags.some((tag) => tag.toLowerCase().includes(needle)) ||
      image.id.toLowerCase().includes(needle),
  );
}

/** The image's other tags, to show beside the name it is listed by. */
export function otherTags(image: ImageSummary): string[] {
  return image.repoTags.slice(1);
}
