import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { stowageQueryKey, useStowageQuery } from '../../api';

/** The tour's progress, and a way to read it again after a step changes it. */
export function useTourStatus() {
  const status = useStowageQuery('tour.status', {});
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: stowageQueryKey('tour.status', {}) }),
    [queryClient],
  );
  return { status, refresh };
}
