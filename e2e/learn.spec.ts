import { tourStepIds } from '../src/shared';
import { docker } from '../test/support/docker';
import { expect, test } from './ecs-docker.fixture';
import {
  removeTourClusterContainers,
  runServicesStep,
  runTasksStep,
} from './learn/steps-tasks-services';
import { clustersStep, taskDefinitionStep } from './learn/steps-registry-to-cluster';
import { removeTourClusterLeftovers, tourTaskContainers } from '../test/support/tour-ecs';
import {
  agentStep,
  deploymentsStep,
  rolesStep,
  schedulingStep,
} from './learn/steps-deploy-to-scheduling';
import { LearnPage } from './pages/LearnPage';

const tourFilter = 'label=stowage.tour=1';
const stepCount = tourStepIds.length;

/** The clusters the ECS steps make, whose containers the Docker runtime runs. */
const tourClusters = tourStepIds.map((step) => `stowage-tour-${step}`);

// ECS tasks run as real containers here (the Docker runtime), and outlive the app that ran them.
test.afterAll(async ({ dockerEcs }) => {
  await removeTourClusterContainers(dockerEcs.appUrl, dockerEcs.token);
  await removeTourClusterLeftovers(tourClusters);
});

test.describe('Learn', () => {
  test('walks the tour’s steps on the real engine, presents them, and resets it all', async ({
    page,
    dockerEcs,
  }) => {
    test.setTimeout(900_000);
    const learn = new LearnPage(page);
    await learn.open(dockerEcs.appUrl);
    await expect(learn.steps).toHaveCount(stepCount);
    await expect(learn.progress).toHaveText(`0 of ${stepCount} steps done`);

    // 1: every container runs the host's kernel.
    await learn.openStep('Containers share the host’s kernel');
    await learn.runStep('Run two containers');
    const hostKernel = await docker(['info', '--format', '{{.KernelVersion}}']);
    await expect(learn.kernelVersions).toHaveText([hostKernel, hostKernel, hostKernel]);
    await expect(learn.page.getByText(/Started and ran in \d+ ms/)).toHaveCount(2);

    // 2: an image built one instruction at a time, a layer for each that changes files.
    await learn.button('Next step').click();
    await expect(learn.stepTitle).toHaveText('An image is read-only layers');
    await learn.runStep('Build the image');
    await expect(learn.layerCounts.first()).toHaveText('2 layers');
    await expect(learn.layerCounts.last()).toHaveText('5 layers');
    expect(
      await docker([
        'image',
        'inspect',
        '--format',
        '{{len .RootFS.Layers}}',
        'stowage-tour/layers:1',
      ]),
    ).toBe('5');

    // 3: a file written in one container is in its read-write layer only.
    await learn.button('Next step').click();
    await expect(learn.stepTitle).toHaveText(
      'A container is its image plus a thin read-write layer',
    );
    await learn.runStep('Start two containers and write a file');
    await expect(learn.readWriteLayers.first()).toContainText('A /note.txt');
    await expect(learn.readWriteLayers.last()).not.toContainText('/note.txt');
    expect(await docker(['diff', 'stowage-tour-rw-writer'])).toContain('A /note.txt');

    // 5 and 6: a task definition, then a cluster with capacity in two zones and Fargate.
    await taskDefinitionStep(learn);
    await clustersStep(learn);
    // 7 and 8: ECS tasks as real containers, a service that heals, balances and scales.
    await learn.page.getByRole('link', { name: 'Learn', exact: true }).click();
    await runTasksStep(learn);
    await learn.page.getByRole('link', { name: 'Learn', exact: true }).click();
    await runServicesStep(learn);
    // 9-12: deployments, the container agent, roles, scheduling, on real containers.
    await deploymentsStep(learn);
    await agentStep(learn);
    await rolesStep(learn);
    await schedulingStep(learn);

    // Presenter mode: the step fills the window, the keyboard moves, admin actions are gone.
    await learn.page.getByRole('link', { name: 'Learn', exact: true }).click();
    await learn.openStep('An image is read-only layers');
    await learn.button('Presenter mode').click();
    await expect(learn.presenter).toBeVisible();
    await expect(learn.button('Reset step')).toHaveCount(0);
    await learn.page.keyboard.press('ArrowRight');
    await expect(learn.stepTitle).toHaveText(
      'A container is its image plus a thin read-write layer',
    );
    await learn.page.keyboard.press('PageUp');
    await learn.page.keyboard.press('PageUp');
    await expect(learn.stepTitle).toHaveText('Containers share the host’s kernel');
    await learn.page.keyboard.press('Escape');
    await expect(learn.presenter).toHaveCount(0);

    // Reset one step, then the whole tour: what it made goes, nothing else.
    await learn.button('Reset step').click();
    await expect(learn.confirmDialog).toContainText('stowage-tour-kernel-1');
    await learn.confirmDialog.getByRole('button', { name: 'Reset step' }).click();
    await expect(learn.stepState).toHaveText('Not started');
    expect(await docker(['ps', '-aq', '--filter', 'label=stowage.tour.step=kernel'])).toBe('');
    expect(await docker(['ps', '-aq', '--filter', tourFilter])).not.toBe('');

    await learn.page.getByRole('link', { name: 'Learn', exact: true }).click();
    await expect(learn.progress).toHaveText(`${stepCount - 1} of ${stepCount} steps done`);
    await learn.button('Reset tour').click();
    await learn.confirmDialog.getByRole('button', { name: 'Reset tour' }).click();
    // The ECS steps' clusters go first: ECS stops their tasks before they are deleted.
    await expect(learn.progress).toHaveText(`0 of ${stepCount} steps done`, { timeout: 150_000 });
    expect(await docker(['ps', '-aq', '--filter', tourFilter])).toBe('');
    for (const cluster of tourClusters) expect((await tourTaskContainers(cluster)).size).toBe(0);
    expect(await docker(['images', '-q', '--filter', tourFilter])).toBe('');
    const fixtures = await docker(['images', '-q', 'stowage-test/fixture:1.0']);
    expect(fixtures).not.toBe('');
  });
});
