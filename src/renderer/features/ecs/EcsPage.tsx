import { ComingSoonPage } from '../../common/ComingSoonPage';

export function EcsPage() {
  return (
    <ComingSoonPage
      title="ECS"
      description="a simulated Amazon ECS cluster on this machine — clusters, container instances, task definitions, tasks and services, with scaling and deployments you can watch happen."
    />
  );
}
