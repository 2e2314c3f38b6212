import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, IconButton, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import type { ContainerSummary, RunSpec } from '../../../shared';
import { useStowageQuery } from '../../api';
import { DetailPane, FullWindowButton } from '../../common/detail/DetailPane';
import { formatDuration } from '../../common/format';
import { useNow } from '../../common/use-now';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { containerTabs, type ContainerTab } from '../../common/routes';
import { StateChip } from './ContainersTable';
import { ChangesTab, EnvironmentTab, MountsTab, NetworksTab, ProcessesTab } from './InfoTabs';
import { LogsTab } from './LogsTab';
import { RenameDialog } from './RenameDialog';
import { StatsTab } from './StatsTab';
import { TerminalTab } from './TerminalTab';
import { readableStatus } from './container-status';

const tabLabel = (tab: ContainerTab) => tab.charAt(0).toUpperCase() + tab.slice(1);

/** One container in depth, in tabs; the live ones (logs, stats, terminal) run while shown. */
export function ContainerDetailPanel({
  summary,
  tab,
  onTab,
  onDuplicate,
  onClose,
}: {
  summary: ContainerSummary;
  /** The tab shown: it lives in the URL, so Back and reload keep it. */
  tab: ContainerTab;
  onTab(tab: ContainerTab): void;
  onDuplicate(spec: RunSpec): void;
  onClose(): void;
}) {
  const [renaming, setRenaming] = useState(false);
  const detail = useStowageQuery('containers.inspect', { container: summary.id });
  const running = summary.state === 'running';
  const now = useNow(1_000, summary.startedAt !== undefined);
  const statusText = summary.startedAt
    ? `Up ${formatDuration(now - summary.startedAt)}`
    : readableStatus(summary.status);
  return (
    <DetailPane
      testId="container-detail"
      label={summary.name}
      defaultHeight={460}
      onClose={onClose}
    >
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          px: 2,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Typography
          variant="subtitle1"
          component="h2"
          title={summary.name}
          sx={{ fontWeight: 600, flex: '0 1 auto', minWidth: 0 }}
          noWrap
        >
          {summary.name}
        </Typography>
        <StateChip
          id={summary.id}
          state={summary.state}
          health={summary.health}
          status={summary.status}
        />
        <Typography
          variant="body2"
          color="text.secondary"
          noWrap
          title={statusText}
          sx={{ flex: '1 1 0', minWidth: 0 }}
        >
          {statusText}
        </Typography>
        <Button size="small" onClick={() => setRenaming(true)}>
          Rename…
        </Button>
        <Button
          size="small"
          disabled={!detail.data}
          onClick={() => detail.data && onDuplicate({ ...detail.data.spec, name: '' })}
        >
          Duplicate…
        </Button>
        <FullWindowButton />
        <IconButton aria-label="Close details" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Tabs
        value={tab}
        onChange={(_event, next: ContainerTab) => onTab(next)}
        variant="scrollable"
        sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}
      >
        {containerTabs.map((name) => (
          <Tab key={name} value={name} label={tabLabel(name)} sx={{ minHeight: 40 }} />
        ))}
      </Tabs>
      <Box
        sx={{ flex: 1, minHeight: 0, overflow: 'auto', display: 'flex', flexDirection: 'column' }}
      >
        {detail.error && (
          <QueryErrorAlert
            error={detail.error}
            failedTo="inspect the container"
            refreshes="these details refresh"
            testId="container-detail-error"
          />
        )}
        {tab === 'logs' && <LogsTab container={summary.id} tty={detail.data?.tty ?? false} />}
        {tab === 'stats' && (
          <StatsTab
            container={summary.id}
            running={running}
            memoryLimited={(detail.data?.spec.memoryBytes ?? 0) > 0}
          />
        )}
        {tab === 'terminal' && <TerminalTab container={summary.id} running={running} />}
        {tab === 'processes' && <ProcessesTab container={summary.id} running={running} />}
        {tab === 'changes' && <ChangesTab container={summary.id} />}
        {tab === 'environment' && detail.data && <EnvironmentTab detail={detail.data} />}
        {tab === 'mounts' && detail.data && <MountsTab detail={detail.data} />}
        {tab === 'networks' && detail.data && <NetworksTab detail={detail.data} />}
        {tab === 'inspect' && detail.data && (
          <JsonViewer value={detail.data.raw} label="Container inspect" />
        )}
      </Box>
      {renaming && (
        <RenameDialog
          container={summary.id}
          current={summary.name}
          onClose={() => setRenaming(false)}
        />
      )}
    </DetailPane>
  );
}
