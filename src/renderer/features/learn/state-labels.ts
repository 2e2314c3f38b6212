import type { TourStepState } from '../../../shared';

export const stateLabels: Record<TourStepState, string> = {
  'not-started': 'Not started',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};
