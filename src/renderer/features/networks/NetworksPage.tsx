import AddIcon from '@mui/icons-material/Add';
import CleaningServicesIcon from '@mui/icons-material/CleaningServices';
import DeleteIcon from '@mui/icons-material/Delete';
import { Button, Stack, Typography } from '@mui/material';
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
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { NetworkDetailPanel } from './NetworkDetailPanel';
import {
  connectCandidates,
  defaultNetworkSort,
  matchesSearch,
  nextSort,
  sortNetworkRows,
  toNetworkRow,
  networkNoun,
  type NetworkRow,
  type NetworkSortKey,
} from './network-rows';
import { NetworksTable } from './NetworksTable';
import { PruneNetworksDialog } from './PruneNetworksDialog';
import { useRemoveNetworks } from './use-remove-networks';
import { EngineActionButton } from '../../common/EngineActionButton';

const networkKey = (row: NetworkRow) => row.id;
/** The 12 characters `docker network ls` shows of an id. */
const shortNetworkId = (id: string) => id.slice(0, 12);

export function NetworksPage() {
  const networks = useStowageQuery('networks.list', {});
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [dialog, confirm] = useConfirm();
  const removal = useRemoveNetworks(confirm);

  const allRows = useMemo(() => (networks.data ?? []).map(toNetworkRow), [networks.data]);
  // The network in detail and its tab live in the URL.
  const route = usePageRoute('networks');
  const view = useListView({
    rows: allRows,
    matches: matchesSearch,
    sortRows: sortNetworkRows,
    initialSort: defaultNetworkSort,
    rowKey: networkKey,
    routed: {
      key: route.network,
      selected: route.selected,
      go: (network, selected) =>
        navigate(
          network !== undefined ? { page: 'networks', network } : { page: 'networks', selected },
          { replace: true },
        ),
    },
    urlId: shortNetworkId,
  });
  const { search, deferredSearch, shownRows, selection, selectedRows, single } = view;
  const gone = useMemo(
    () =>
      networks.data ? goneFromUrl(route.selected, allRows.map(networkKey), shortNetworkId) : [],
    [networks.data, allRows, route.selected],
  );
  const predefinedChosen = selectedRows.filter((row) => row.predefined);

  return (
    <ListPage>
      <ListPageHeader
        title="Networks"
        count={networks.data && countLabel(shownRows.length, allRows.length, networkNoun)}
        countTestId="network-count"
        searchLabel="Search networks"
        search={search}
        onSearch={view.setSearch}
      />

      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          Create network
        </Button>
        <Button
          color="error"
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={selectedRows.length === 0 || predefinedChosen.length > 0 || removal.busy}
          onClick={() => void removal.remove(selectedRows)}
        >
          {selectedRows.length > 1 ? `Remove ${selectedRows.length} networks` : 'Remove'}
        </Button>
        <EngineActionButton
          variant="outlined"
          startIcon={<CleaningServicesIcon />}
          onClick={() => setPruning(true)}
        >
          Prune…
        </EngineActionButton>
        {predefinedChosen.length > 0 && (
          <Typography variant="body2" color="text.secondary" data-testid="predefined-note">
            {predefinedChosen.map((row) => row.name).join(', ')}{' '}
            {predefinedChosen.length === 1 ? 'is' : 'are'} predefined by the engine and cannot be
            removed.
          </Typography>
        )}
      </Stack>
      <RemoveFailuresAlert
        failures={removal.failures}
        rowKey={(row) => row.id}
        rowName={(row) => row.name}
        onDismiss={removal.dismiss}
        current={{
          rows: allRows,
          causeOf: (row) => row.containers.map((container) => container.id).join(','),
        }}
      />
      {networks.error && (
        <QueryErrorAlert
          error={networks.error}
          failedTo="list networks"
          refreshes="the list refreshes"
          staleNote={networks.data ? 'The networks below are the last ones seen.' : undefined}
          testId="networks-error"
        />
      )}
      {networks.isPending && !networks.error && (
        <ListLoading testId="networks-loading" label="Loading networks" />
      )}
      {gone.length > 0 && (
        <RoutedItemsGone
          testId="chosen-networks-gone"
          plural="networks"
          names={gone}
          why="Removed since the link was made."
          onDismiss={() => view.setChosen(selection)}
        />
      )}
      {route.network && networks.data && !allRows.some((row) => row.id === route.network) && (
        <RoutedItemGone
          testId="opened-network-gone"
          noun="network"
          plural="networks"
          name={shortNetworkId(route.network)}
          onBack={view.clearChoice}
        />
      )}
      {networks.data && allRows.length === 0 && (
        <ListNote testId="networks-empty">
          The engine lists no networks, not even its own bridge: it may still be starting. Create
          one with the Create network button.
        </ListNote>
      )}
      {networks.data && allRows.length > 0 && shownRows.length === 0 && (
        <ListNote testId="networks-no-match">No networks match “{deferredSearch.trim()}”.</ListNote>
      )}
      {shownRows.length > 0 && (
        <NetworksTable
          rows={shownRows}
          sort={view.sort}
          onSortBy={(key: NetworkSortKey) => view.setSort((current) => nextSort(current, key))}
          scrollResetKey={view.scrollResetKey}
          selection={selection}
          onSelectionChange={view.setChosen}
        />
      )}
      {single && (
        <NetworkDetailPanel
          key={single.id}
          id={single.id}
          name={single.name}
          candidates={connectCandidates(allRows, single.id)}
          {...(route.tab ? { tab: route.tab } : {})}
          onTabChange={(tab) =>
            navigate({ page: 'networks', network: single.id, tab }, { replace: true })
          }
          onClose={view.clearChoice}
        />
      )}
      <CreateNetworkDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={view.choose}
      />
      <PruneNetworksDialog open={pruning} onClose={() => setPruning(false)} />
      {dialog}
    </ListPage>
  );
}
