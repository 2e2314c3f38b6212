import { ComingSoonPage } from '../../common/ComingSoonPage';

export function ContainersPage() {
  return (
    <ComingSoonPage
      title="Containers"
      description="every container of the engine with its state, image, ports and uptime, with start, stop, restart, remove, live logs and resource use."
    />
  );
}
