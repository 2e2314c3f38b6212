import { Box } from '@mui/material';
import type { NetworkDetail } from '../../../shared';
import { useStowageQuery } from '../../api';
import { DetailPanel } from '../../common/detail/DetailPanel';
import { networkTabs, type NetworkTab } from '../../common/routes';
import { FactsTable, keyValueLines } from '../../common/detail/FactsTable';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { AttachedContainers } from './AttachedContainers';

function Overview({ detail }: { detail: NetworkDetail }) {
  const facts: [string, string][] = [
    ['Id', detail.id],
    ['Driver', detail.driver],
    ['Scope', detail.scope],
    [
      'Subnets',
      detail.subnets
        .map(({ subnet, gateway }) => (gateway ? `${subnet} (gateway ${gateway})` : subnet))
        .join('\n') || '—',
    ],
    ['Internal', detail.internal ? 'Yes: no traffic leaves it' : 'No'],
    ['Attachable', detail.attachable ? 'Yes' : 'No'],
    ['IPv6', detail.ipv6 ? 'Enabled' : 'Off'],
    ['Created', detail.created ? new Date(detail.created).toLocaleString() : '—'],
    ['Labels', keyValueLines(detail.labels)],
    ['Options', keyValueLines(detail.options)],
  ];
  return <FactsTable facts={facts} />;
}

/** One network in depth: the containers attached (connect, disconnect), overview, inspect. */
export function NetworkDetailPanel({
  id,
  name,
  candidates,
  tab: shownTab = 'containers',
  onTabChange,
  onClose,
}: {
  id: string;
  name: string;
  candidates: readonly string[];
  tab?: NetworkTab;
  onTabChange(tab: NetworkTab): void;
  onClose(): void;
}) {
  // The tab lives in the URL with the item; indices follow networkTabs.
  const tab = Math.max(0, networkTabs.indexOf(shownTab));
  const detail = useStowageQuery('networks.inspect', { network: id });
  return (
    <DetailPanel
      title={name}
      testId="network-detail"
      tabs={['Containers', 'Overview', 'Inspect']}
      tab={tab}
      onTabChange={(index) => onTabChange(networkTabs[index] ?? 'containers')}
      tabsLabel="Network details"
      onClose={onClose}
      height={360}
    >
      {detail.error && (
        <QueryErrorAlert
          error={detail.error}
          failedTo="inspect the network"
          refreshes="the details refresh"
          testId="network-detail-error"
        />
      )}
      {tab === 0 && detail.data && (
        <AttachedContainers
          detail={detail.data}
          candidates={candidates}
          onChanged={() => void detail.refetch()}
        />
      )}
      {tab === 1 && detail.data && <Overview detail={detail.data} />}
      {tab === 2 && detail.data && (
        <Box sx={{ p: 1, display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
          <JsonViewer value={detail.data.raw} label="network inspect" />
        </Box>
      )}
    </DetailPanel>
  );
}
