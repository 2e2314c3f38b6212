import type { tourContract } from '../../shared/contract/tour';
import type { DomainHandlers } from '../rpc/handlers';
import type { TourService } from './tour-service';

export function tourHandlers(tour: TourService): DomainHandlers<typeof tourContract> {
  return {
    'tour.status': () => tour.status(),
    'tour.steps.run': ({ step }, { signal, emit }) =>
      tour.run(step, signal, (message) => emit({ message })),
    'tour.steps.reset': ({ step }, { signal }) => tour.reset({ step }, signal),
    'tour.reset': (_input, { signal }) => tour.reset('whole-tour', signal),
  };
}
