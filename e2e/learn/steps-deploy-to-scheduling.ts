import { expect } from '@playwright/test';
import { docker } from '../../test/support/docker';
import { tourTaskContainers } from '../../test/support/tour-ecs';
import type { LearnPage } from '../pages/LearnPage';

// Steps 9-12 of the tour, each opened from the Learn list, run, and checked on the page and
// on the engine: every ECS task here is a real container of the tour's image.

/** The ECS steps wait on the scheduler: a rollout and a rollback take the longest. */
const ecsStepTimeoutMs = 120_000;

async function openFromList(learn: LearnPage, title: string): Promise<void> {
  await learn.page.getByRole('link', { name: 'Learn', exact: true }).click();
  await learn.openStep(title);
}

/** 9: a new revision rolls out; a broken one is rolled back by the circuit breaker. */
export async function deploymentsStep(learn: LearnPage): Promise<void> {
  await openFromList(learn, 'Deployments');
  await learn.runStep('Roll out two revisions', ecsStepTimeoutMs);
  const picture = learn.page.getByTestId('deployments-picture');
  await expect(picture.getByTestId('deployment-status')).toHaveText([
    'SUCCESSFUL',
    'SUCCESSFUL',
    'ROLLBACK_SUCCESSFUL',
  ]);
  await expect(picture.getByTestId('deployment-failed-tasks')).toHaveText(/^\d+ tasks failed$/);
  await expect(picture.getByTestId('deployment-now')).toContainText(
    '3 tasks of stowage-tour-deployments:2',
  );
  const containers = [...(await tourTaskContainers('stowage-tour-deployments')).values()];
  expect(containers).toHaveLength(3);
  for (const id of containers) {
    expect(await docker(['inspect', '--format', '{{json .Config.Env}}', id])).toContain(
      'VERSION=2',
    );
  }
}

/** 10: the agent on one instance disconnects; the service's tasks move to the other. */
export async function agentStep(learn: LearnPage): Promise<void> {
  await openFromList(learn, 'The container agent');
  await learn.runStep('Disconnect an agent', ecsStepTimeoutMs);
  const before = learn.page.getByTestId('agent-before');
  const after = learn.page.getByTestId('agent-after');
  await expect(before.getByTestId('map-instance')).toHaveCount(2);
  for (const instance of await before.getByTestId('map-instance').all()) {
    await expect(instance.getByTestId('map-task')).toHaveCount(1);
  }
  const gone = after.getByTestId('map-instance').filter({ hasText: 'agent disconnected' });
  await expect(gone).toHaveCount(1);
  await expect(gone.getByTestId('map-task')).toHaveCount(0);
  await expect(after.getByTestId('map-task')).toHaveCount(2);
  const goneId = await gone.getAttribute('data-instance');
  await expect(learn.page.getByTestId('agent-stopped-reason').first()).toContainText(
    `(${goneId}) disconnected`,
  );
}

/** 11: who am I, from inside a task with a task role and one without. */
export async function rolesStep(learn: LearnPage): Promise<void> {
  await openFromList(learn, 'Task role vs instance role');
  await learn.runStep('Ask who am I', ecsStepTimeoutMs);
  const answers = learn.page.getByTestId('whoami-arn');
  await expect(answers).toHaveText([
    /^arn:aws:sts::000000000000:assumed-role\/stowage-tour-task-role\/[0-9a-f]+$/,
    /^arn:aws:sts::000000000000:assumed-role\/stowage-tour-instance-role\/i-[0-9a-f]+$/,
  ]);
  // The task id in the answer is the task's own: its container holds the credentials.
  const taskId = ((await answers.first().textContent()) ?? '').split('/').pop() ?? '';
  const containers = await tourTaskContainers('stowage-tour-roles');
  expect([...containers.keys()].some((taskArn) => taskArn.endsWith(`/${taskId}`))).toBe(true);
}

/** 12: spread over zones, binpack on memory, StartTask on a chosen instance, a service. */
export async function schedulingStep(learn: LearnPage): Promise<void> {
  await openFromList(learn, 'Scheduling');
  await learn.runStep('Place tasks', ecsStepTimeoutMs);
  const map = learn.page.getByTestId('scheduling-map');
  const kind = (name: string) => map.locator(`[data-testid="map-task"][data-kind="${name}"]`);
  await expect(kind('spread')).toHaveCount(4);
  for (const zone of await map.getByTestId('map-zone').all()) {
    await expect(zone.locator('[data-kind="spread"]')).toHaveCount(2);
  }
  await expect(kind('binpack')).toHaveCount(3);
  const binpacked = map
    .getByTestId('map-instance')
    .filter({ has: learn.page.locator('[data-kind="binpack"]') });
  await expect(binpacked).toHaveCount(1);
  await expect(binpacked.locator('[data-kind="binpack"]')).toHaveCount(3);
  await expect(kind('StartTask')).toHaveCount(1);
  await expect(kind('service')).toHaveCount(2);
  expect((await tourTaskContainers('stowage-tour-scheduling')).size).toBe(10);
}
