import { describe, expect, it } from 'vitest';
import { createPlane, web } from './control-plane/test-support';
import { callOn, ecsTestRouter, simulatedAppEcs } from './test-support';
import { exportTaskDefinitionInput } from './control-plane/task-definitions/export';
import { createServiceInput } from './export/cli-files';
import { ecsExportHandlers } from './export-handlers';

const signal = new AbortController().signal;

async function demoCluster() {
  const setup = createPlane();
  const { plane, run } = setup;
  const router = ecsTestRouter(ecsExportHandlers(simulatedAppEcs(setup)));
  for (const clusterName of ['demo', 'copy']) {
    await plane.createCluster({ clusterName });
    await plane.launchInstances({
      cluster: clusterName,
      instanceType: 'm5.xlarge',
      count: 2,
      availabilityZone: 'us-east-1a',
    });
  }
  await plane.registerTaskDefinition({ ...web, tags: [{ key: 'team', value: 'web' }] });
  const [app1] = web.containerDefinitions;
  await plane.registerTaskDefinition({
    family: 'web',
    containerDefinitions: [{ ...app1!, image: 'nginx:1.27', portMappings: [] }],
  });
  await plane.registerTaskDefinition({ ...web, family: 'unused' });
  await plane.runTask({ cluster: 'demo', taskDefinition: 'web:1' });
  await plane.createService({
    cluster: 'demo',
    serviceName: 'front',
    taskDefinition: 'web:2',
    desiredCount: 2,
    deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 50 },
    tags: [{ key: 'env', value: 'demo' }],
  });
  await run(5_000);
  return { ...setup, router };
}

describe('export and import', () => {
  it('exports the revisions in use and the services, and reports a cluster it cannot find', async () => {
    const { router } = await demoCluster();
    const { files } = await callOn(router, 'ecs.export', { cluster: 'demo' });
    expect(files.map((file) => file.name)).toEqual([
      'taskdef-web-1.json',
      'taskdef-web-2.json',
      'service-front.json',
      'deploy.sh',
      'cloudformation.json',
    ]);
    const missing = await router.call('ecs.export', { cluster: 'nowhere' }, signal);
    expect(missing).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('round-trips: importing the export into a fresh cluster recreates the same things', async () => {
    const { router, plane, run } = await demoCluster();
    const { files } = await callOn(router, 'ecs.export', { cluster: 'demo' });
    const broken = { name: 'service-broken.json', text: '{"serviceName":"x"}' };
    const imported = await callOn(router, 'ecs.import', {
      cluster: 'copy',
      files: [...files, broken],
    });
    expect(imported.taskDefinitions.map((arn) => arn.split('/').at(-1))).toEqual([
      'web:3',
      'web:4',
    ]);
    expect(imported.failures).toEqual([
      { file: 'service-broken.json', reason: expect.any(String) },
    ]);
    expect(imported.services).toHaveLength(1);

    const definitionOf = async (ref: string) => {
      const answer = await plane.describeTaskDefinition({ taskDefinition: ref, include: ['TAGS'] });
      return exportTaskDefinitionInput(answer.taskDefinition!, answer.tags);
    };
    expect(await definitionOf('web:3')).toEqual(await definitionOf('web:1'));
    expect(await definitionOf('web:4')).toEqual(await definitionOf('web:2'));

    const serviceIn = async (cluster: string) => {
      const answer = await plane.describeServices({
        cluster,
        services: ['front'],
        include: ['TAGS'],
      });
      const found = answer.services![0]!;
      return createServiceInput(found, cluster, found.tags ?? []);
    };
    const original = await serviceIn('demo');
    const copy = await serviceIn('copy');
    expect(copy).toEqual({ ...original, cluster: 'copy', taskDefinition: 'web:4' });
    await run(5_000);
    const running = await plane.listTasks({ cluster: 'copy', serviceName: 'front' });
    expect(running.taskArns).toHaveLength(2);
  });
});
