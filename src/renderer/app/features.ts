import type { Feature } from '../common/feature';
import { containersFeature } from '../features/containers';
import { ecsFeature } from '../features/ecs';
import { engineFeature } from '../features/engine';
import { eventsFeature } from '../features/events';
import { imagesFeature } from '../features/images';
import { layersFeature } from '../features/layers';
import { learnFeature } from '../features/learn';
import { networksFeature } from '../features/networks';
import { registriesFeature } from '../features/registries';
import { volumesFeature } from '../features/volumes';

/** Every page of the app, in navigation order: one line per feature. */
export const features: readonly Feature[] = [
  engineFeature,
  imagesFeature,
  layersFeature,
  registriesFeature,
  containersFeature,
  volumesFeature,
  networksFeature,
  ecsFeature,
  eventsFeature,
  learnFeature,
];

/** Where an empty or unknown hash leads. */
export const defaultFeature = imagesFeature;

export const cacheRules = features.flatMap((feature) => feature.cacheRules);
