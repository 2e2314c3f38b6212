import AddIcon from '@mui/icons-material/Add';
import CleaningServicesIcon from '@mui/icons-material/CleaningServices';
import DeleteIcon from '@mui/icons-material/Delete';
import { Box, Button, Stack } from '@mui/material';
import { useMemo, useState } from 'react';
import { useStowageQuery } from '../../api';
import { useConfirm } from '../../common/ConfirmDialog';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { countLabel } from '../../common/list/count-label';
import { ListPage, ListPageHeader } from '../../common/list/ListPage';
import {
  ListLoading,
  ListNote,
  RoutedItemGone,
  RoutedItemsGone,
} from '../../common/list/ListStates';
import { goneFromUrl } from '../../common/list/routed-selection';
import { useListView } from '../../common/list/use-list-view';
import { navigate, usePageRoute } from '../../common/use-route';
import { RemoveFailuresAlert } from '../../common/list/RemoveFailuresAlert';
import { CreateVolumeDialog } from './CreateVolumeDialog';
import { PruneVolumesDialog } from './PruneVolumesDialog';
import { useRemoveVolumes } from './use-remove-volumes';
import { VolumeDetailPanel } from './VolumeDetailPanel';
import {
  defaultVolumeSort,
  matchesSearch,
  nextSort,
  sortVolumeRows,
  toVolumeRow,
  type VolumeRow,
  type VolumeSortKey,
  volumeNoun,
} from './volume-rows';
import { VolumesTable } from './VolumesTable';
import { EngineActionButton } from '../../common/EngineActionButton';

const volumeKey = (row: VolumeRow) => row.name;

export function VolumesPage() {
  const volumes = useStowageQuery('volumes.list', {});
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [dialog, confirm] = useConfirm();
  const removal = useRemoveVolumes(confirm);

  const allRows = useMemo(() => (volumes.data ?? []).map(toVolumeRow), [volumes.data]);
  // The volume in detail and its tab live in the URL.
  const route = usePageRoute('volumes');
  const view = useListView({
    rows: allRows,
    matches: matchesSearch,
    sortRows: sortVolumeRows,
    initialSort: defaultVolumeSort,
    rowKey: volumeKey,
    routed: {
      key: route.volume,
      selected: route.selected,
      go: (volume, selected) =>
        navigate(
          volume !== undefined ? { page: 'volumes', volume } : { page: 'volumes', selected },
          { replace: true },
        ),
    },
  });
  const { search, deferredSearch, shownRows, selection, selectedRows, single } = view;
  const gone = useMemo(
    () => (volumes.data ? goneFromUrl(route.selected, allRows.map(volumeKey)) : []),
    [volumes.data, allRows, route.selected],
  );

  return (
    <ListPage>
      <ListPageHeader
        title="Volumes"
        count={volumes.data && countLabel(shownRows.length, allRows.length, volumeNoun)}
        countTestId="volume-count"
        searchLabel="Search volumes"
        search={search}
        onSearch={view.setSearch}
      />

      <Stack direction="row" sx={{ gap: 1 }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          Create volume
        </Button>
        <Button
          color="error"
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={selectedRows.length === 0 || removal.busy}
          onClick={() => void removal.remove(selectedRows)}
        >
          {selectedRows.length > 1 ? `Remove ${selectedRows.length} volumes` : 'Remove'}
        </Button>
        <EngineActionButton
          variant="outlined"
          startIcon={<CleaningServicesIcon />}
          onClick={() => setPruning(true)}
        >
          Prune…
        </EngineActionButton>
      </Stack>
      <RemoveFailuresAlert
        failures={removal.failures}
        rowKey={(row) => row.name}
        rowName={(row) => row.name}
        onForce={(rows) => void removal.remove(rows, true)}
        onDismiss={removal.dismiss}
        current={{ rows: allRows, causeOf: (row) => row.containers.join(',') }}
      />
      {volumes.error && (
        <QueryErrorAlert
          error={volumes.error}
          failedTo="list volumes"
          refreshes="the list refreshes"
          staleNote={volumes.data ? 'The volumes below are the last ones seen.' : undefined}
          testId="volumes-error"
        />
      )}
      {volumes.isPending && !volumes.error && (
        <ListLoading testId="volumes-loading" label="Loading volumes" />
      )}
      {gone.length > 0 && (
        <RoutedItemsGone
          testId="chosen-volumes-gone"
          plural="volumes"
          names={gone}
          why="Removed since the link was made."
          onDismiss={() => view.setChosen(selection)}
        />
      )}
      {route.volume && volumes.data && !allRows.some((row) => row.name === route.volume) && (
        <RoutedItemGone
          testId="opened-volume-gone"
          noun="volume"
          plural="volumes"
          name={route.volume}
          onBack={view.clearChoice}
        />
      )}
      {volumes.data && allRows.length === 0 && (
        <ListNote testId="volumes-empty">
          No volumes yet. Create one with the Create volume button, or run a container with{' '}
          <Box component="code">-v name:/path</Box>; it will appear here.
        </ListNote>
      )}
      {volumes.data && allRows.length > 0 && shownRows.length === 0 && (
        <ListNote testId="volumes-no-match">No volumes match “{deferredSearch.trim()}”.</ListNote>
      )}
      {shownRows.length > 0 && (
        <VolumesTable
          rows={shownRows}
          sort={view.sort}
          onSortBy={(key: VolumeSortKey) => view.setSort((current) => nextSort(current, key))}
          scrollResetKey={view.scrollResetKey}
          selection={selection}
          onSelectionChange={view.setChosen}
        />
      )}
      {single && (
        <VolumeDetailPanel
          key={single.name}
          name={single.name}
          {...(route.tab ? { tab: route.tab } : {})}
          onTabChange={(tab) =>
            navigate({ page: 'volumes', volume: single.name, tab }, { replace: true })
          }
          onClose={view.clearChoice}
        />
      )}
      <CreateVolumeDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={view.choose}
      />
      <PruneVolumesDialog open={pruning} onClose={() => setPruning(false)} />
      {dialog}
    </ListPage>
  );
}
