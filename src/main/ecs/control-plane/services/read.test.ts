import { describe, expect, it } from 'vitest';
import { EcsApiError } from '../core/ecs-api-error';
import {
  checkDeletable,
  checkNetworkConfiguration,
  checkNotDuplicate,
  readCreateService,
  readDescribeServices,
  readListServices,
  readUpdateService,
  startsNewDeployment,
  defaultDeploymentConfiguration,
} from './index';

function errorOf(action: () => unknown): { type: string; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof EcsApiError) return { type: error.type, message: error.message };
    throw error;
  }
  throw new Error('expected an EcsApiError');
}

const base = { serviceName: 'web', taskDefinition: 'web:1' };

describe('readCreateService', () => {
  it('fills in the defaults: EC2, REPLICA, 100/200 without circuit breaker, spread by zone', () => {
    const record = readCreateService({ ...base, desiredCount: 2 });
    expect(record).toMatchObject({
      launchType: 'EC2',
      schedulingStrategy: 'REPLICA',
      desiredCount: 2,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      placementStrategy: [],
      effectivePlacementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'spread', field: 'instanceId' },
      ],
      availabilityZoneRebalancing: 'ENABLED',
      propagateTags: 'NONE',
      deploymentController: { type: 'ECS' },
    });
    expect(record.platformVersion).toBeUndefined();
  });

  it('keeps a named strategy and merges a partial deployment configuration', () => {
    const record = readCreateService({
      ...base,
      desiredCount: 1,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
      deploymentConfiguration: {
        minimumHealthyPercent: 0,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
    });
    expect(record.effectivePlacementStrategy).toEqual([{ type: 'binpack', field: 'memory' }]);
    expect(record.deploymentConfiguration).toEqual({
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 0,
    });
  });

  it('DAEMON defaults to 0/100, no desired count and no rebalancing', () => {
    const record = readCreateService({ ...base, schedulingStrategy: 'DAEMON' });
    expect(record.desiredCount).toBe(0);
    expect(record.deploymentConfiguration.minimumHealthyPercent).toBe(0);
    expect(record.deploymentConfiguration.maximumPercent).toBe(100);
    expect(record.effectivePlacementStrategy).toEqual([]);
    expect(record.availabilityZoneRebalancing).toBe('DISABLED');
  });

  it('refuses what DAEMON does not support, worded as ECS words it', () => {
    expect(
      errorOf(() => readCreateService({ ...base, schedulingStrategy: 'DAEMON', desiredCount: 1 })),
    ).toEqual({
      type: 'InvalidParameterException',
      message:
        'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
    });
    expect(
      errorOf(() =>
        readCreateService({
          ...base,
          schedulingStrategy: 'DAEMON',
          placementStrategy: [{ type: 'random' }],
        }),
      ).message,
    ).toBe(
      'The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again',
    );
    expect(
      errorOf(() =>
        readCreateService({
          ...base,
          schedulingStrategy: 'DAEMON',
          deploymentConfiguration: { maximumPercent: 200 },
        }),
      ).type,
    ).toBe('InvalidParameterException');
    expect(
      errorOf(() =>
        readCreateService({ ...base, schedulingStrategy: 'DAEMON', launchType: 'FARGATE' }),
      ).type,
    ).toBe('InvalidParameterException');
  });

  it('Fargate: LATEST platform, no placement, public IPs allowed', () => {
    const record = readCreateService({
      ...base,
      launchType: 'FARGATE',
      desiredCount: 1,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-a'], assignPublicIp: 'ENABLED' },
      },
    });
    expect(record.platformVersion).toBe('LATEST');
    expect(record.effectivePlacementStrategy).toEqual([]);
    expect(record.networkConfiguration?.awsvpcConfiguration?.assignPublicIp).toBe('ENABLED');
    expect(
      errorOf(() =>
        readCreateService({
          ...base,
          launchType: 'FARGATE',
          placementConstraints: [{ type: 'distinctInstance' }],
        }),
      ).message,
    ).toBe('Placement constraints are not supported with FARGATE launch type.');
    expect(errorOf(() => readCreateService({ ...base, platformVersion: '1.4.0' })).message).toBe(
      'The platform version must be null when specifying an EC2 launch type.',
    );
  });

  it('checks names, counts, percents, placement and capacity providers', () => {
    expect(errorOf(() => readCreateService({ taskDefinition: 'web' })).type).toBe(
      'InvalidParameterException',
    );
    expect(errorOf(() => readCreateService({ ...base, serviceName: 'bad name' })).message).toMatch(
      /^Service name should be between 1 and 255 characters/,
    );
    expect(errorOf(() => readCreateService({ serviceName: 'web' })).type).toBe(
      'InvalidParameterException',
    );
    expect(errorOf(() => readCreateService({ ...base, desiredCount: -1 })).type).toBe(
      'InvalidParameterException',
    );
    expect(
      errorOf(() =>
        readCreateService({ ...base, deploymentConfiguration: { minimumHealthyPercent: 101 } }),
      ).message,
    ).toBe('minimumHealthyPercent must be between 0 and 100.');
    expect(
      errorOf(() => readCreateService({ ...base, placementStrategy: [{ type: 'spread' }] })).type,
    ).toBe('InvalidParameterException');
    expect(
      errorOf(() =>
        readCreateService({
          ...base,
          launchType: 'EC2',
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }],
        }),
      ).message,
    ).toBe(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
    expect(
      errorOf(() =>
        readCreateService({
          ...base,
          placementConstraints: [{ type: 'memberOf', expression: 42 }],
        }),
      ).message,
    ).toBe(
      'Invalid type for parameter placementConstraints[0].expression: expected a string, got number.',
    );
    expect(errorOf(() => readCreateService({ ...base, launchType: 'EXTERNAL' })).type).toBe(
      'UnsupportedFeatureException',
    );
  });

  it('refuses a second service of the same name and a network configuration that does not fit', () => {
    expect(errorOf(() => checkNotDuplicate('ACTIVE')).message).toBe(
      'Creation of service was not idempotent.',
    );
    expect(() => checkNotDuplicate('INACTIVE')).not.toThrow();
    expect(errorOf(() => checkNetworkConfiguration('awsvpc', undefined)).message).toBe(
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
    expect(() =>
      checkNetworkConfiguration('awsvpc', { awsvpcConfiguration: { subnets: ['s'] } }),
    ).not.toThrow();
    expect(
      errorOf(() =>
        checkNetworkConfiguration('bridge', { awsvpcConfiguration: { subnets: ['s'] } }),
      ).type,
    ).toBe('InvalidParameterException');
  });
});

describe('update, delete, describe and list', () => {
  const current = {
    status: 'ACTIVE',
    schedulingStrategy: 'REPLICA' as const,
    launchType: 'EC2' as const,
    deploymentConfiguration: defaultDeploymentConfiguration('REPLICA'),
  };

  it('reads an update over the current configuration', () => {
    const update = readUpdateService(
      {
        service: 'arn:aws:ecs:us-east-1:000000000000:service/test/web',
        desiredCount: 5,
        deploymentConfiguration: { maximumPercent: 150 },
        forceNewDeployment: true,
      },
      current,
    );
    expect(update).toMatchObject({ service: 'web', desiredCount: 5, forceNewDeployment: true });
    expect(update.deploymentConfiguration).toMatchObject({
      maximumPercent: 150,
      minimumHealthyPercent: 100,
    });
  });

  it('applies the DAEMON rules and the default placement on update too', () => {
    const daemon = {
      ...current,
      schedulingStrategy: 'DAEMON' as const,
      deploymentConfiguration: defaultDeploymentConfiguration('DAEMON'),
    };
    expect(
      errorOf(() => readUpdateService({ service: 'agent', desiredCount: 2 }, daemon)).message,
    ).toMatch(/^The daemon scheduling strategy does not support a desired count/);
    const cleared = readUpdateService({ service: 'web', placementStrategy: [] }, current);
    expect(cleared.placementStrategy).toEqual([]);
    expect(cleared.effectivePlacementStrategy).toEqual([
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'spread', field: 'instanceId' },
    ]);
  });

  it('refuses an update of a service that is not ACTIVE', () => {
    expect(
      errorOf(() => readUpdateService({ service: 'web' }, { ...current, status: 'DRAINING' })),
    ).toEqual({
      type: 'ServiceNotActiveException',
      message: 'Service was not ACTIVE.',
    });
  });

  it('starts a new deployment on a new revision, network change or force', () => {
    const running = { taskDefinition: 'arn:td/web:1' };
    expect(startsNewDeployment(running, { taskDefinition: 'arn:td/web:1' }, false)).toBe(false);
    expect(startsNewDeployment(running, { taskDefinition: 'arn:td/web:2' }, false)).toBe(true);
    expect(startsNewDeployment(running, { taskDefinition: 'arn:td/web:1' }, true)).toBe(true);
    expect(
      startsNewDeployment(
        running,
        {
          taskDefinition: 'arn:td/web:1',
          networkConfiguration: { awsvpcConfiguration: { subnets: ['a'] } },
        },
        false,
      ),
    ).toBe(true);
  });

  it('refuses to delete a scaled service without force', () => {
    const web = { status: 'ACTIVE', schedulingStrategy: 'REPLICA' as const, desiredCount: 2 };
    expect(errorOf(() => checkDeletable(web, false)).message).toBe(
      'The service cannot be stopped while it is scaled above 0.',
    );
    expect(() => checkDeletable(web, true)).not.toThrow();
    expect(() => checkDeletable({ ...web, desiredCount: 0 }, false)).not.toThrow();
    expect(() => checkDeletable({ ...web, schedulingStrategy: 'DAEMON' }, false)).not.toThrow();
    expect(errorOf(() => checkDeletable({ ...web, status: 'INACTIVE' }, true)).type).toBe(
      'ServiceNotActiveException',
    );
  });

  it('describes up to 10 services and lists 10 a page by default', () => {
    expect(readDescribeServices({ services: ['a', 'b'], include: ['TAGS'] })).toEqual({
      services: ['a', 'b'],
      includeTags: true,
    });
    expect(errorOf(() => readDescribeServices({ services: [] })).type).toBe(
      'InvalidParameterException',
    );
    expect(
      errorOf(() =>
        readDescribeServices({ services: Array.from({ length: 11 }, (_, i) => `s${i}`) }),
      ).type,
    ).toBe('InvalidParameterException');
    expect(readListServices({}).maxResults).toBe(10);
    expect(readListServices({ maxResults: 100, launchType: 'FARGATE' })).toEqual({
      maxResults: 100,
      launchType: 'FARGATE',
    });
    expect(errorOf(() => readListServices({ maxResults: 101 })).type).toBe(
      'InvalidParameterException',
    );
  });
});
