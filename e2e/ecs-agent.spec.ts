import { webSocketPath, type CallInput, type CallName, type CallOutput } from '../src/shared';
import { openContractSocket } from '../test/support/contract-socket';
import { expect, test } from './ecs-docker.fixture';
import { EcsPage } from './pages/EcsPage';
import { TaskAgentPanel } from './pages/TaskAgentPanel';

const taskRole = 'arn:aws:iam::000000000000:role/orders-reader';
const instanceRole = 'arn:aws:iam::000000000000:role/ecsInstanceRole';

test.describe('the container agent in a task’s detail', () => {
  test('shows the task role and its requests, and who-am-I answers the task role or the instance role', async ({
    page,
    dockerEcs,
  }) => {
    test.setTimeout(120_000);
    const { appUrl, token, cluster } = dockerEcs;
    const suffix = Date.now().toString(36);
    const socket = await openContractSocket(`ws://${new URL(appUrl).host}${webSocketPath}`, {
      token,
    });
    const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
      const envelope = await socket.call(name, input);
      if ('error' in envelope) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.result as CallOutput<K>;
    };
    await call('ecs.clusters.create', { clusterName: cluster });
    const [instance] = await call('ecs.instances.launch', {
      cluster,
      instanceType: 'm5.large',
      count: 1,
      availabilityZone: 'us-east-1a',
      instanceRoleArn: instanceRole,
    });
    const definition = (family: string, role?: string) => ({
      definition: {
        family,
        ...(role ? { taskRoleArn: role } : {}),
        containerDefinitions: [
          {
            name: 'app',
            image: 'stowage-test/fixture:1.0',
            memory: 32,
            command: ['sleep', '600'],
          },
        ],
      },
    });
    await call('ecs.taskDefinitions.register', definition(`reader-${suffix}`, taskRole));
    await call('ecs.taskDefinitions.register', definition(`roleless-${suffix}`));
    const runOne = async (family: string) =>
      (
        await call('ecs.tasks.run', {
          cluster,
          taskDefinition: family,
          launchType: 'EC2',
          count: 1,
        })
      ).tasks[0]?.taskArn ?? '';
    const readerArn = await runOne(`reader-${suffix}`);
    const rolelessArn = await runOne(`roleless-${suffix}`);
    socket.close();

    const ecs = new EcsPage(page);
    await ecs.open(appUrl);
    await ecs.tab('Tasks').click();
    const agent = new TaskAgentPanel(ecs.taskDetail);

    // A task with a task role: the role, who-am-I names it, and the request shows up live.
    await page.locator(`[data-task="${readerArn}"]`).click();
    await expect(ecs.taskDetail.getByTestId('task-last-status')).toHaveText('RUNNING', {
      timeout: 30_000,
    });
    await expect(agent.taskRole).toContainText(taskRole);
    await expect(agent.taskRole).toContainText('not fetched yet');
    await agent.whoAmI.click();
    const readerId = readerArn.split('/').pop() ?? '';
    await expect(agent.answer).toContainText(
      `The container holds the task role: arn:aws:sts::000000000000:assumed-role/orders-reader/${readerId}`,
      { timeout: 30_000 },
    );
    await expect(agent.requests).toContainText(/GET \/v2\/credentials\/[0-9a-f]{8}…/);
    await expect(agent.requests).toContainText('200');
    await expect(agent.taskRole).toContainText(/ASIA[A-Z2-7]{16} · expires /);

    // An EC2 task without one: no task role, and who-am-I finds the instance role through IMDS.
    await page.locator(`[data-task="${rolelessArn}"]`).click();
    await expect(ecs.taskDetail.getByTestId('task-last-status')).toHaveText('RUNNING', {
      timeout: 30_000,
    });
    await expect(agent.noRole).toHaveText(
      'No task role: the task’s containers get no AWS credentials from the agent.',
    );
    await agent.whoAmI.click();
    await expect(agent.answer).toContainText(
      'The container holds the instance role (it has no task role): arn:aws:sts::000000000000:assumed-role/ecsInstanceRole/i-',
      { timeout: 30_000 },
    );
    await expect(agent.answer).toContainText(instance?.ec2InstanceId ?? 'no instance');
    await expect(agent.requests).toContainText('imds /latest/meta-data/iam/security-credentials/');
  });
});
