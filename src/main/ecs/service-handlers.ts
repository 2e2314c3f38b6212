import { StowageError } from '../../shared';
import type { ecsServiceCalls } from '../../shared/contract/ecs-services';
import type { EcsService } from '../../shared/domain/ecs';
import type { CallHandler } from '../rpc/handlers';
import type { EcsControlPlane } from './control-plane/core/control-plane';
import { servedTargetGroupArns } from './control-plane/services/target-group-roles';
import type { AppEcs } from './simulator';
import { allPages, chunks, parseCliJson, toWire } from './wire';

/** DescribeServices takes at most ten services; ListServices pages of up to 100. */
const describeLimit = 10;
const pageSize = 100;

async function describeOne(
  plane: EcsControlPlane,
  cluster: string,
  service: string,
): Promise<EcsService> {
  const answer = await plane.describeServices({ cluster, services: [service], include: ['TAGS'] });
  const found = answer.services?.[0];
  if (!found) {
    const failure = answer.failures?.[0];
    throw new StowageError(
      'NOT_FOUND',
      `${failure?.arn ?? service}: ${failure?.reason ?? 'MISSING'}.`,
    );
  }
  return toWire(found);
}

/** The service an answer names, described again with its tags. */
async function described(
  plane: EcsControlPlane,
  service: { serviceArn?: string; clusterArn?: string },
) {
  return describeOne(plane, service.clusterArn ?? '', service.serviceArn ?? '');
}

/** The contract's ECS service calls. */
export function ecsServiceHandlers(ecs: AppEcs): {
  [K in keyof typeof ecsServiceCalls]: CallHandler<K>;
} {
  const plane = async () => (await ecs.get()).controlPlane;
  return {
    'ecs.services.list': async ({ cluster }) => {
      const cp = await plane();
      const arns = (
        await allPages((nextToken) => cp.listServices({ cluster, maxResults: pageSize, nextToken }))
      ).flatMap((page) => page.serviceArns ?? []);
      const answers = await Promise.all(
        chunks(arns, describeLimit).map((services) =>
          cp.describeServices({ cluster, services, include: ['TAGS'] }),
        ),
      );
      return answers.flatMap((answer) => toWire(answer.services ?? []));
    },
    'ecs.services.describe': async ({ cluster, service }) =>
      describeOne(await plane(), cluster, service),
    'ecs.services.create': async ({ request }) => {
      const cp = await plane();
      const { service } = await cp.createService(request as never);
      return described(cp, service ?? {});
    },
    'ecs.services.createJson': async ({ json }) => {
      const cp = await plane();
      const { service } = await cp.createService(parseCliJson(json) as never);
      return described(cp, service ?? {});
    },
    'ecs.services.update': async ({ request }) => {
      const cp = await plane();
      const { service } = await cp.updateService(request as never);
      return described(cp, service ?? {});
    },
    'ecs.services.delete': async ({ cluster, service, force }) => {
      const answer = await (await plane()).deleteService({ cluster, service, force });
      return toWire(answer.service ?? {});
    },
    'ecs.services.deployments': async ({ cluster, service }) => {
      const cp = await plane();
      const arns = (
        await allPages((nextToken) =>
          cp.listServiceDeployments({ cluster, service, maxResults: pageSize, nextToken }),
        )
      ).flatMap((page) =>
        (page.serviceDeployments ?? []).flatMap((brief) =>
          brief.serviceDeploymentArn ? [brief.serviceDeploymentArn] : [],
        ),
      );
      const answers = await Promise.all(
        chunks(arns, 20).map((serviceDeploymentArns) =>
          cp.describeServiceDeployments({ serviceDeploymentArns }),
        ),
      );
      return answers.flatMap((answer) =>
        toWire(answer.serviceDeployments ?? []).map((deployment) => ({
          ...deployment,
          servedTargetGroupArns: servedTargetGroupArns(
            cp.state,
            deployment.serviceDeploymentArn ?? '',
          ),
        })),
      );
    },
    'ecs.services.stopDeployment': async ({ serviceDeploymentArn }) => {
      const answer = await (
        await plane()
      ).stopServiceDeployment({ serviceDeploymentArn, stopType: 'ROLLBACK' });
      return { serviceDeploymentArn: answer.serviceDeploymentArn ?? serviceDeploymentArn };
    },
    'ecs.services.revisions': async ({ serviceRevisionArns }) => {
      const answer = await (await plane()).describeServiceRevisions({ serviceRevisionArns });
      const failure = answer.failures?.[0];
      if (failure) {
        throw new StowageError(
          'NOT_FOUND',
          `${failure.arn ?? 'Revision'}: ${failure.reason ?? 'MISSING'}.`,
        );
      }
      return toWire(answer.serviceRevisions ?? []);
    },
  };
}
