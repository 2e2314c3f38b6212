import type { EcsService } from '../../../../shared';
import { FactsTable } from '../../../common/detail/FactsTable';

const json = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

/** The service as it is configured, field by field. */
export function ServiceConfiguration({ service }: { service: EcsService }) {
  const configuration = service.deploymentConfiguration;
  const subnets = service.networkConfiguration?.awsvpcConfiguration?.subnets;
  return (
    <FactsTable
      facts={[
        ['ARN', service.serviceArn ?? ''],
        ['Status', service.status ?? ''],
        ['Task definition', service.taskDefinition ?? ''],
        ['Launch type', service.launchType ?? ''],
        ['Service type', service.schedulingStrategy ?? ''],
        ['Desired count', String(service.desiredCount ?? 0)],
        ['Subnets', subnets?.join(', ') ?? '—'],
        [
          'Placement strategy',
          json(service.placementStrategy?.length ? service.placementStrategy : undefined),
        ],
        [
          'Placement constraints',
          json(service.placementConstraints?.length ? service.placementConstraints : undefined),
        ],
        ['Minimum healthy', `${configuration?.minimumHealthyPercent ?? 100} %`],
        ['Maximum', `${configuration?.maximumPercent ?? 200} %`],
        ['Circuit breaker', json(configuration?.deploymentCircuitBreaker)],
        ['Created', service.createdAt ? new Date(service.createdAt).toISOString() : '—'],
        ['Created by', service.createdBy ?? '—'],
      ]}
    />
  );
}
