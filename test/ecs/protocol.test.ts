import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerCall } from '../../src/main/ecs/endpoint/call';
import { ecsModelOperations } from '../../src/main/ecs/endpoint/ecs-model-operations';
import {
  autoScalingModelOperations,
  autoScalingTargetPrefix,
} from '../../src/main/ecs/endpoint/auto-scaling-json-service';
import { elbModelOperations } from '../../src/main/ecs/endpoint/elbv2-model-operations';
import { answerElbCall } from '../../src/main/ecs/endpoint/elbv2-query-service';
import { servedOperations, type EcsControlPlaneApi } from '../../src/main/ecs/endpoint/operations';
import { operationSets } from './fuzz-bodies';
import {
  maxJsonDepth,
  nestingDepth,
  parseBody,
  serialiseResult,
} from '../../src/main/ecs/endpoint/aws-json';
import { ecsTargetPrefix as targetPrefix } from '../../src/main/ecs/endpoint/ecs-json-service';
import { EcsApiError } from '../../src/main/ecs/control-plane/core/ecs-api-error';
import { awsApis } from '../../src/main/ecs/control-plane/core/resource-module';
import type { TaskRecord } from '../../src/main/ecs/control-plane/core/state';
import { toTask } from '../../src/main/ecs/control-plane/tasks/describe-list-stop';

describe('the AWS JSON 1.1 protocol', () => {
  it('knows exactly the operations of the SDK model, and implements only model operations', () => {
    const sdk = dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-ecs'));
    const commands = readdirSync(join(sdk, '..', 'dist-es', 'commands'))
      .filter((file) => file.endsWith('Command.js'))
      .map((file) => file.slice(0, -'Command.js'.length));
    expect([...ecsModelOperations].sort()).toEqual(commands.sort());
    for (const operation of servedOperations('ecs')) {
      expect(ecsModelOperations.has(operation)).toBe(true);
    }
    expect(servedOperations('ecs').length).toBeGreaterThanOrEqual(26);
  });

  it('knows the Application Auto Scaling model, and serves only model operations under its prefix', () => {
    const sdk = dirname(
      createRequire(import.meta.url).resolve('@aws-sdk/client-application-auto-scaling'),
    );
    const commands = readdirSync(join(sdk, '..', 'dist-es', 'commands'))
      .filter((file) => file.endsWith('Command.js'))
      .map((file) => file.slice(0, -'Command.js'.length));
    expect([...autoScalingModelOperations].sort()).toEqual(commands.sort());
    expect([...servedOperations('applicationAutoScaling')].sort()).toEqual([
      'DeleteScalingPolicy',
      'DeregisterScalableTarget',
      'DescribeScalableTargets',
      'DescribeScalingActivities',
      'DescribeScalingPolicies',
      'PutScalingPolicy',
      'RegisterScalableTarget',
    ]);
  });

  it('fuzzes exactly the operations it serves', () => {
    const fuzzed = Object.values(operationSets).flatMap((operations) => Object.keys(operations));
    const served = awsApis.flatMap((api) => servedOperations(api));
    expect([...fuzzed].sort()).toEqual(served.sort());
    expect(new Set(fuzzed).size).toBe(fuzzed.length);
    for (const operations of Object.values(operationSets)) {
      for (const [operation, members] of Object.entries(operations)) {
        expect(Object.keys(members), operation).not.toHaveLength(0);
      }
    }
  });

  it('reads bodies: empty is no input, nulls are absent, __proto__ is dropped', () => {
    expect(parseBody('')).toEqual({ ok: true, value: {} });
    expect(parseBody('  \n')).toEqual({ ok: true, value: {} });
    const parsed = parseBody('{"a":null,"b":[1,null],"__proto__":{"x":1},"c":{"__proto__":2}}');
    expect(parsed.ok && parsed.value).toEqual({ b: [1, null], c: {} });
    expect(parsed.ok && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it.each(['[]', 'null', '"text"', '3', '{', '{"a":1,}', "{'a':1}"])(
    'refuses %j with a SerializationException',
    (text) => {
      const parsed = parseBody(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.answer.status).toBe(400);
        expect(JSON.parse(parsed.answer.body).__type).toBe('SerializationException');
      }
    },
  );

  it('measures nesting without parsing, skipping strings and escapes', () => {
    expect(nestingDepth('{"a":[{"b":"[[[[\\"{{"}]}')).toBe(3);
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(nestingDepth(deep)).toBe(200_000);
    expect(parseBody(`{"a":${deep}}`).ok).toBe(false);
    const fits = '['.repeat(maxJsonDepth - 1) + ']'.repeat(maxJsonDepth - 1);
    expect(parseBody(`{"a":${fits}}`).ok).toBe(true);
  });

  it('writes Dates as epoch seconds, fractional when need be, and drops undefined', () => {
    const text = serialiseResult({
      at: new Date(1_700_000_000_250),
      list: [{ when: new Date(0) }],
      gone: undefined,
    });
    expect(JSON.parse(text)).toEqual({ at: 1_700_000_000.25, list: [{ when: 0 }] });
    expect(serialiseResult(undefined)).toBe('{}');
  });

  it('writes a described task from its cached wire form, the same as serialising it afresh', () => {
    const record = {
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/1',
      clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
      family: 'web',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      createdAt: 1_700_000_000_250,
      containers: [{ containerArn: 'c', name: 'app', lastStatus: 'RUNNING', essential: true }],
      tags: [{ key: 'k', value: 'v' }],
      version: 3,
      networkMode: 'bridge',
      reservedPorts: [],
      cpuUnits: 256,
      memoryMiB: 512,
    } as TaskRecord;
    const expected = {
      taskArn: record.taskArn,
      clusterArn: record.clusterArn,
      taskDefinitionArn: record.taskDefinitionArn,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      createdAt: 1_700_000_000.25,
      containers: [{ containerArn: 'c', name: 'app', lastStatus: 'RUNNING' }],
      version: 3,
    };
    const first = toTask(record);
    // Shared, so no caller can change it: neither the record nor the next answer moves.
    expect(() => {
      first.lastStatus = 'STOPPED';
    }).toThrow(TypeError);
    expect(() => first.containers?.push({})).toThrow(TypeError);
    expect(toTask(record)).toBe(first);
    const answers = [0, 1].map(() => serialiseResult({ tasks: [toTask(record)], failures: [] }));
    expect(answers[1]).toBe(answers[0]);
    expect(JSON.parse(answers[0] ?? '')).toEqual({ tasks: [expected], failures: [] });
    expect(JSON.parse(serialiseResult({ task: toTask(record, ['TAGS']) }))).toEqual({
      task: { ...expected, tags: record.tags },
    });
  });
});

describe('one call', () => {
  const call = (plane: Partial<EcsControlPlaneApi>, operation: string, body = '{}') =>
    answerCall(plane as EcsControlPlaneApi, {
      target: targetPrefix + operation,
      contentType: 'application/x-amz-json-1.1',
      body,
    });

  it('passes the members to the method and answers its result', async () => {
    const seen: unknown[] = [];
    const plane: Partial<EcsControlPlaneApi> = {
      listClusters: async (input) => {
        seen.push(input);
        return { clusterArns: ['arn:aws:ecs:us-east-1:000000000000:cluster/default'] };
      },
    };
    const answer = await call(plane, 'ListClusters', '{"maxResults":5}');
    expect(seen).toEqual([{ maxResults: 5 }]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).clusterArns).toHaveLength(1);
  });

  it('answers an ECS error as its type, ServerException with 500', async () => {
    const plane: Partial<EcsControlPlaneApi> = {
      deleteCluster: async () => {
        throw new EcsApiError('ClusterNotFoundException', 'Cluster not found.');
      },
      listClusters: async () => {
        throw new EcsApiError('ServerException', 'Down.');
      },
    };
    expect(await call(plane, 'DeleteCluster')).toEqual({
      status: 400,
      errorType: 'ClusterNotFoundException',
      body: '{"__type":"ClusterNotFoundException","message":"Cluster not found."}',
    });
    expect((await call(plane, 'ListClusters')).status).toBe(500);
  });

  it('hides an unexpected exception behind a generic ServerException and reports it', async () => {
    const reported: string[] = [];
    const plane = {
      listTasks: async () => {
        throw new TypeError('secret internals at /home/user/x.ts:12');
      },
    } as Partial<EcsControlPlaneApi> as EcsControlPlaneApi;
    const answer = await answerCall(
      plane,
      { target: `${targetPrefix}ListTasks`, contentType: 'application/json', body: '' },
      (operation) => reported.push(operation),
    );
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'ServerException',
      message: 'The server could not complete the request.',
    });
    expect(reported).toEqual(['ListTasks']);
  });

  it('tells unknown, unimplemented and badly sent operations apart', async () => {
    const unknown = await call({}, 'LaunchRockets');
    expect(JSON.parse(unknown.body).__type).toBe('UnknownOperationException');
    const later = await call({}, 'CreateTaskSet');
    expect(JSON.parse(later.body)).toEqual({
      __type: 'UnsupportedFeatureException',
      message: 'Stowage does not implement CreateTaskSet yet.',
    });
    const noTarget = await answerCall({} as EcsControlPlaneApi, {
      target: undefined,
      contentType: 'application/json',
      body: '{}',
    });
    expect(JSON.parse(noTarget.body).__type).toBe('UnknownOperationException');
    const wrongType = await answerCall({} as EcsControlPlaneApi, {
      target: `${targetPrefix}ListClusters`,
      contentType: 'text/plain',
      body: '{}',
    });
    expect(JSON.parse(wrongType.body).__type).toBe('SerializationException');
    const echoed = await call({}, 'x'.repeat(5000));
    expect(echoed.body.length).toBeLessThan(300);
  });
});

describe('the AWS Query protocol for ELBv2', () => {
  it('knows exactly the operations of the SDK model, and implements only model operations', () => {
    const sdk = dirname(
      createRequire(import.meta.url).resolve('@aws-sdk/client-elastic-load-balancing-v2'),
    );
    const commands = readdirSync(join(sdk, '..', 'dist-es', 'commands'))
      .filter((file) => file.endsWith('Command.js'))
      .map((file) => file.slice(0, -'Command.js'.length));
    expect([...elbModelOperations].sort()).toEqual(commands.sort());
    for (const operation of servedOperations('elbv2')) {
      expect(elbModelOperations.has(operation)).toBe(true);
    }
    expect(servedOperations('elbv2')).toHaveLength(19);
  });

  it('types the members as the operation declares them, and answers XML', async () => {
    const seen: unknown[] = [];
    const plane: Partial<EcsControlPlaneApi> = {
      createTargetGroup: async (input) => {
        seen.push(input);
        return { TargetGroups: [{ TargetGroupName: 'a', Port: 80, HealthCheckEnabled: false }] };
      },
    };
    const answer = await answerElbCall(
      plane as EcsControlPlaneApi,
      'Action=CreateTargetGroup&Version=2015-12-01&Name=a&Port=80&HealthCheckEnabled=false' +
        '&Matcher.HttpCode=200&Tags=&HealthyThresholdCount=x&Other=1',
      'request-1',
    );
    expect(seen).toEqual([
      {
        Name: 'a',
        Port: 80,
        HealthCheckEnabled: false,
        Matcher: { HttpCode: '200' },
        Tags: [],
        HealthyThresholdCount: 'x',
        Other: '1',
      },
    ]);
    expect(answer).toEqual({
      status: 200,
      contentType: 'text/xml',
      body:
        '<CreateTargetGroupResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">' +
        '<CreateTargetGroupResult><TargetGroups><member><TargetGroupName>a</TargetGroupName>' +
        '<Port>80</Port><HealthCheckEnabled>false</HealthCheckEnabled></member></TargetGroups>' +
        '</CreateTargetGroupResult><ResponseMetadata><RequestId>request-1</RequestId>' +
        '</ResponseMetadata></CreateTargetGroupResponse>',
    });
  });

  it('hides an unexpected exception behind InternalFailure and reports it', async () => {
    const reported: string[] = [];
    const plane = {
      describeLoadBalancers: async () => {
        throw new TypeError('secret internals');
      },
    } as Partial<EcsControlPlaneApi> as EcsControlPlaneApi;
    const answer = await answerElbCall(
      plane,
      'Action=DescribeLoadBalancers&Version=2015-12-01',
      'r',
      (operation) => reported.push(operation),
    );
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('<Type>Receiver</Type><Code>InternalFailure</Code>');
    expect(answer.body).not.toContain('secret');
    expect(reported).toEqual(['DescribeLoadBalancers']);
  });

  it('tells unknown, unimplemented and wrongly versioned actions apart', async () => {
    const plane = {} as EcsControlPlaneApi;
    const codeOf = async (body: string) =>
      /<Code>([^<]+)<\/Code>/.exec((await answerElbCall(plane, body, 'r')).body)?.[1];
    expect(await codeOf('Action=LaunchRockets&Version=2015-12-01')).toBe('InvalidAction');
    expect(await codeOf('Action=DescribeSSLPolicies&Version=2015-12-01')).toBe(
      'OperationNotPermitted',
    );
    expect(await codeOf('Action=DescribeLoadBalancers&Version=2012-06-01')).toBe('InvalidAction');
    expect(await codeOf('Version=2015-12-01')).toBe('MissingAction');
  });
});

describe('one Application Auto Scaling call', () => {
  const call = (plane: Partial<EcsControlPlaneApi>, target: string, body = '{}') =>
    answerCall(plane as EcsControlPlaneApi, {
      target,
      contentType: 'application/x-amz-json-1.1',
      body,
    });

  it('is dispatched by its own prefix, never to an ECS operation or the other way round', async () => {
    const seen: unknown[] = [];
    const plane: Partial<EcsControlPlaneApi> = {
      describeScalableTargets: async (input) => {
        seen.push(input);
        return { ScalableTargets: [] };
      },
      listClusters: async () => ({ clusterArns: [] }),
    };
    const answer = await call(
      plane,
      `${autoScalingTargetPrefix}DescribeScalableTargets`,
      '{"ServiceNamespace":"ecs"}',
    );
    expect(answer.status).toBe(200);
    expect(seen).toEqual([{ ServiceNamespace: 'ecs' }]);
    const crossed = await call(plane, `${autoScalingTargetPrefix}ListClusters`);
    expect(JSON.parse(crossed.body).__type).toBe('UnknownOperationException');
    const other = await call(plane, `${targetPrefix}DescribeScalableTargets`);
    expect(JSON.parse(other.body).__type).toBe('UnknownOperationException');
  });

  it("answers its model's unserved operations, its errors and its failures in its own types", async () => {
    const tags = await call({}, `${autoScalingTargetPrefix}TagResource`);
    expect(JSON.parse(tags.body)).toEqual({
      __type: 'ValidationException',
      message: 'Stowage does not implement TagResource yet.',
    });
    const plane: Partial<EcsControlPlaneApi> = {
      deregisterScalableTarget: async () => {
        throw new EcsApiError('ObjectNotFoundException', 'No scalable target registered.');
      },
      describeScalingPolicies: async () => {
        throw new EcsApiError('ServerException', 'Down.');
      },
      describeScalingActivities: async () => {
        throw new TypeError('internals');
      },
    };
    const missing = await call(plane, `${autoScalingTargetPrefix}DeregisterScalableTarget`);
    expect(missing).toMatchObject({ status: 400, errorType: 'ObjectNotFoundException' });
    const down = await call(plane, `${autoScalingTargetPrefix}DescribeScalingPolicies`);
    expect(down).toMatchObject({ status: 500, errorType: 'InternalServiceException' });
    const thrown = await call(plane, `${autoScalingTargetPrefix}DescribeScalingActivities`);
    expect(JSON.parse(thrown.body)).toEqual({
      __type: 'InternalServiceException',
      message: 'The server could not complete the request.',
    });
  });
});
