import { Box } from '@mui/material';
import type { VolumeDetail } from '../../../shared';
import { useStowageQuery } from '../../api';
import { DetailPanel } from '../../common/detail/DetailPanel';
import { volumeTabs, type VolumeTab } from '../../common/routes';
import { FactsTable, keyValueLines } from '../../common/detail/FactsTable';
import { formatBytes } from '../../common/format';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { FileBrowser } from './FileBrowser';

function Overview({ detail }: { detail: VolumeDetail }) {
  const facts: [string, string][] = [
    ['Name', detail.name],
    ['Driver', detail.driver],
    ['Scope', detail.scope],
    ['Mountpoint', detail.mountpoint],
    ['Size', detail.size === null ? 'Unknown to the engine' : formatBytes(detail.size)],
    ['Created', detail.created ? new Date(detail.created).toLocaleString() : '—'],
    ['Used by', detail.containers.map((container) => container.name).join('\n') || '—'],
    ['Labels', keyValueLines(detail.labels)],
    ['Options', keyValueLines(detail.options)],
  ];
  return <FactsTable facts={facts} />;
}

/** One volume in depth: its files (read-only), an overview and the raw inspect JSON. */
export function VolumeDetailPanel({
  name,
  tab: shownTab = 'files',
  onTabChange,
  onClose,
}: {
  name: string;
  tab?: VolumeTab;
  onTabChange(tab: VolumeTab): void;
  onClose(): void;
}) {
  // The tab lives in the URL with the item; indices follow volumeTabs.
  const tab = Math.max(0, volumeTabs.indexOf(shownTab));
  const detail = useStowageQuery('volumes.inspect', { name });
  return (
    <DetailPanel
      title={name}
      testId="volume-detail"
      tabs={['Files', 'Overview', 'Inspect']}
      tab={tab}
      onTabChange={(index) => onTabChange(volumeTabs[index] ?? 'files')}
      tabsLabel="Volume details"
      onClose={onClose}
    >
      {tab === 0 && <FileBrowser volume={name} />}
      {tab > 0 && detail.error && (
        <QueryErrorAlert
          error={detail.error}
          failedTo="inspect the volume"
          refreshes="the details refresh"
          testId="volume-detail-error"
        />
      )}
      {tab === 1 && detail.data && <Overview detail={detail.data} />}
      {tab === 2 && detail.data && (
        <Box sx={{ p: 1, display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
          <JsonViewer value={detail.data.raw} label="volume inspect" />
        </Box>
      )}
    </DetailPanel>
  );
}
