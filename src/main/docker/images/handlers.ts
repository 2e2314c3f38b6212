import type { imagesContract } from '../../../shared/contract/images';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import { fetchImages } from './api';
import { toImageSummaries } from './map';

export function imageHandlers(engine: EngineConnection): DomainHandlers<typeof imagesContract> {
  return {
    'images.list': async (_input, { signal }) => {
      const { images, containers } = await fetchImages(engine.docker(), signal);
      return toImageSummaries(images, containers);
    },
  };
}
