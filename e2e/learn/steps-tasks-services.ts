import { request } from 'node:http';
import { expect } from '@playwright/test';
import { webSocketPath } from '../../src/shared';
import { openContractSocket } from '../../test/support/contract-socket';
import { docker } from '../../test/support/docker';
import type { LearnPage } from '../pages/LearnPage';

// Steps 7 and 8 of the tour, each asserting on the engine what the page says happened.

const clusterLabel = 'com.amazonaws.ecs.cluster';
const taskArnLabel = 'com.amazonaws.ecs.task-arn';
export const tourClusters = ['stowage-tour-tasks', 'stowage-tour-services'];

/** The containers the Docker runtime made for a cluster's tasks, with their tasks and state. */
async function clusterContainers(cluster: string) {
  const lines = await docker([
    'ps',
    '-a',
    '--filter',
    `label=${clusterLabel}=${cluster}`,
    '--format',
    `{{.ID}} {{.State}} {{.Image}} {{.Label "${taskArnLabel}"}}`,
  ]);
  return lines
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', state = '', image = '', taskArn = ''] = line.split(' ');
      return { id, state, image, taskArn };
    });
}

/** Step 7: the task's real container, killed on the engine, and the task's stop reason. */
export async function runTasksStep(learn: LearnPage): Promise<void> {
  const { page } = learn;
  await learn.openStep('A task becomes a real container');
  await learn.runStep('Run a task, then kill its container');
  const containerName =
    (await page.getByTestId('task-container').getByRole('link').textContent()) ?? '';
  expect(containerName).toMatch(/^ecs-stowage-tour-tasks-\d+-app-/);
  expect(
    await docker([
      'inspect',
      '--format',
      '{{.Config.Image}} {{.State.Status}} {{.State.ExitCode}}',
      containerName,
    ]),
  ).toBe('stowage-tour/base:1 exited 137');
  await expect(page.getByTestId('task-stopped-reason')).toHaveText(
    'Essential container in task exited',
  );
  const [container] = await clusterContainers('stowage-tour-tasks');
  const taskLink = page.getByTestId('task-stage').getByRole('link');
  await expect(taskLink).toHaveText(
    `Task ${(container?.taskArn.split('/').at(-1) ?? '').slice(0, 8)}`,
  );
}

/** One GET through the listener, as the page says to reach it. */
function curl(shown: string): Promise<string> {
  const [, url = '', host] = /^(\S+)(?: \(Host: (\S+)\))?$/.exec(shown) ?? [];
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent: false, headers: host ? { host } : {} }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').trim()));
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * Step 8: the replacement task is a real container, the load balancer's answers come from the
 * service's running containers (and answer this test too), and auto scaling added tasks.
 */
export async function runServicesStep(learn: LearnPage): Promise<void> {
  const { page } = learn;
  await learn.openStep('A service keeps its tasks running');
  await learn.button('Run a service and break it').click();
  await expect(learn.stepState).toHaveText('Done', { timeout: 150_000 });

  const containers = await clusterContainers('stowage-tour-services');
  const taskOf = (taskId: string) =>
    containers.find((container) => container.taskArn.endsWith(`/${taskId}`));
  const killedId = (await page.getByTestId('killed-task').getAttribute('data-task')) ?? '';
  const replacedById = (await page.getByTestId('replacement-task').getAttribute('data-task')) ?? '';
  // The killed task and its replacement: both were real containers.
  expect(taskOf(killedId)?.image).toBe('stowage-tour/base:1');
  expect(
    await docker(['inspect', '--format', '{{.State.ExitCode}}', taskOf(killedId)?.id ?? '']),
  ).toBe('137');
  expect(taskOf(replacedById)?.image).toBe('stowage-tour/base:1');

  const answers = page.getByTestId('lb-answer');
  await expect(answers).toHaveCount(6);
  const answeredBy = new Set(
    await answers.evaluateAll((items) => items.map((item) => item.getAttribute('data-task') ?? '')),
  );
  expect(answeredBy.size).toBe(2);
  for (const taskId of answeredBy) expect(taskOf(taskId)).toBeDefined();
  const running = new Set(
    containers.filter((container) => container.state === 'running').map((c) => c.id),
  );
  const hostname = await curl((await page.getByTestId('lb-url').textContent()) ?? '');
  expect(running.has(hostname)).toBe(true);

  await expect(page.getByTestId('scaling-desired')).toHaveText(/^2 → [34]$/);
  expect(running.size).toBeGreaterThanOrEqual(3);
}

/**
 * Deletes the tour's service (so nothing replaces its tasks) through the app, then removes
 * what the Docker runtime made for the tour's clusters: ECS tasks' containers outlive the app.
 */
export async function removeTourClusterContainers(appUrl: string, token: string): Promise<void> {
  const socket = await openContractSocket(`ws://${new URL(appUrl).host}${webSocketPath}`, {
    token,
  });
  try {
    await socket.call('ecs.services.delete', {
      cluster: 'stowage-tour-services',
      service: 'web',
      force: true,
    });
  } finally {
    socket.close();
  }
  for (const cluster of tourClusters) {
    const ids = (await clusterContainers(cluster)).map((container) => container.id);
    if (ids.length > 0) await docker(['rm', '-f', ...ids]);
    await docker(['network', 'rm', `stowage-ecs-${cluster}`]).catch(() => undefined);
  }
}
