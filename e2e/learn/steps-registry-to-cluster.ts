import { expect } from '../fixtures';
import type { LearnPage } from '../pages/LearnPage';

/** Step 5: a task definition registered for EC2 and Fargate, its JSON on the page. */
export async function taskDefinitionStep(learn: LearnPage): Promise<void> {
  await learn.button('Next step').click();
  await expect(learn.stepTitle).toHaveText('Container definitions and task definitions');
  await learn.runStep('Register a task definition');
  const picture = learn.page.getByTestId('task-definition-picture');
  await expect(picture.getByTestId('task-definition-name')).toHaveText(
    /^stowage-tour-task-definitions:\d+$/,
  );
  await expect(picture.getByText('FARGATE', { exact: true })).toBeVisible();
  const json = JSON.parse(
    (await picture.getByTestId('task-definition-json').textContent()) ?? '{}',
  ) as { family?: string; networkMode?: string; containerDefinitions?: { image?: string }[] };
  expect(json).toMatchObject({ family: 'stowage-tour-task-definitions', networkMode: 'awsvpc' });
  expect(json.containerDefinitions?.[0]?.image).toBe('stowage-tour/base:1');
}

/** Step 6: an instance in each of two zones, a Fargate lane, and tasks of each kind placed. */
export async function clustersStep(learn: LearnPage): Promise<void> {
  await learn.button('Next step').click();
  await expect(learn.stepTitle).toHaveText(
    'Clusters, container instances, availability zones; EC2 vs Fargate',
  );
  await learn.runStep('Build the cluster and run tasks');
  const picture = learn.page.getByTestId('clusters-picture');
  await expect(picture.getByTestId('zone')).toHaveCount(2);
  await expect(picture.getByTestId('ec2-lane')).toHaveCount(2);
  await expect(picture.getByTestId('fargate-lane')).toHaveCount(2);
  await expect(picture.getByTestId('ec2-lane').getByTestId('placed-task')).toHaveCount(2);
  await expect(picture.getByTestId('fargate-lane').getByTestId('placed-task')).toHaveCount(2);
}
