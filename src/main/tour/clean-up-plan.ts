import type { TourResource } from '../../shared';

/** Every container and image the tour makes carries this label. */
export const TOUR_LABEL = 'stowage.tour';
export const TOUR_LABEL_VALUE = '1';
/** ...and this one, naming the step that made it (`base` for the image several steps use). */
export const TOUR_STEP_LABEL = 'stowage.tour.step';
export const BASE_STEP = 'base';

/** The labels of something a step makes. */
export const tourLabels = (step: string): Record<string, string> => ({
  [TOUR_LABEL]: TOUR_LABEL_VALUE,
  [TOUR_STEP_LABEL]: step,
});

export interface FoundContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
}

export interface FoundImage {
  id: string;
  tags: readonly string[];
  labels: Record<string, string>;
  /** Epoch seconds, as the engine lists it. */
  created: number;
}

export type CleanUpAction =
  | { kind: 'remove-container'; resource: TourResource }
  | { kind: 'remove-image'; reference: string; resource: TourResource };

/** Whose things a clean-up removes: one step's, or the whole tour's (the shared base too). */
export type CleanUpScope = { step: string } | 'whole-tour';

const belongsTo = (labels: Record<string, string>, scope: CleanUpScope) =>
  labels[TOUR_LABEL] === TOUR_LABEL_VALUE &&
  (scope === 'whole-tour' || labels[TOUR_STEP_LABEL] === scope.step);

/**
 * What to remove, in an order the engine accepts: containers first (an image in use cannot
 * go), then images newest first (an image built on another is newer than it). Only what
 * carries the tour's labels is in the plan, whatever the engine's filter returned: the tour
 * never removes anything it did not make. An image goes by each of its names, so that one
 * named twice needs no force.
 */
export function cleanUpPlan(
  scope: CleanUpScope,
  containers: readonly FoundContainer[],
  images: readonly FoundImage[],
): CleanUpAction[] {
  const containerActions: CleanUpAction[] = containers
    .filter((container) => belongsTo(container.labels, scope))
    .map((container) => ({
      kind: 'remove-container',
      resource: { kind: 'container', id: container.id, name: container.name },
    }));
  const imageActions: CleanUpAction[] = images
    .filter((image) => belongsTo(image.labels, scope))
    .slice()
    .sort((a, b) => b.created - a.created || a.id.localeCompare(b.id))
    .flatMap((image) => {
      const references = image.tags.length > 0 ? image.tags : [image.id];
      return references.map((reference) => ({
        kind: 'remove-image' as const,
        reference,
        resource: { kind: 'image' as const, id: image.id, name: reference },
      }));
    });
  return [...containerActions, ...imageActions];
}
