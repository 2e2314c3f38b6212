import type { AnyTourStep } from '../step';
import { kernelStep } from './kernel';
import { layersStep } from './layers';
import { clustersStep } from './clusters';
import { readWriteStep } from './read-write';
import { servicesStep } from './services';
import { tasksStep } from './tasks';
import { taskDefinitionsStep } from './task-definitions';
import { deploymentsStep } from './deployments';
import { agentStep } from './agent';
import { rolesStep } from './roles';
import { schedulingStep } from './scheduling';

/** The tour's steps in order: one module each, one line here. */
export const tourSteps: readonly AnyTourStep[] = [
  kernelStep,
  layersStep,
  readWriteStep,
  taskDefinitionsStep,
  clustersStep,
  tasksStep,
  servicesStep,
  deploymentsStep,
  agentStep,
  rolesStep,
  schedulingStep,
];
