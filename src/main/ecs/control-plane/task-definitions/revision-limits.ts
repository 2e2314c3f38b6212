import { EcsApiError } from '../core/ecs-api-error';
import { maxRevisionsPerFamily, maxTaskDefinitionRevisions } from '../core/limits';
import type { EcsState } from '../core/state';

/**
 * Refuses a registration past the revision limits, with RegisterTaskDefinition's
 * ClientException. A family's revision numbers are never reused, so its limit is on the number
 * the registration would take; the total is of the revisions stored, so deleting inactive ones
 * makes room.
 */
export function checkRevisionLimits(state: EcsState, family: string, revision: number): void {
  if (revision > maxRevisionsPerFamily) {
    throw new EcsApiError(
      'ClientException',
      `Too many revisions of task definition family ${family}. The maximum is ${maxRevisionsPerFamily}.`,
    );
  }
  if (Object.keys(state.taskDefinitions).length >= maxTaskDefinitionRevisions) {
    throw new EcsApiError(
      'ClientException',
      `Too many task definition revisions. The maximum is ${maxTaskDefinitionRevisions}; ` +
        'deregister and delete revisions to register more.',
    );
  }
}
