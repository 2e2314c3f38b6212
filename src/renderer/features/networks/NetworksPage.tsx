import AddIcon from '@mui/icons-material/Add';
import CleaningServicesIcon from '@mui/icons-material/CleaningServices';
import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useDeferredValue, useMemo, useState } from 'react';
import { useStowageQuery } from '../../api';
import { useConfirm } from '../../common/ConfirmDialog';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SearchField } from '../../common/SearchField';
import { emptySelection, keepShown, type Selection } from '../../common/table/selection';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { NetworkDetailPanel } from './NetworkDetailPanel';
import {
  connectCandidates,
  countLabel,
  defaultNetworkSort,
  matchesSearch,
  nextSort,
  sortNetworkRows,
  toNetworkRow,
  type NetworkSortKey,
} from './network-rows';
import { NetworksTable } from './NetworksTable';
import { PruneNetworksDialog } from './PruneNetworksDialog';
import { useRemoveNetworks } from './use-remove-networks';

export function NetworksPage() {
  const networks = useStowageQuery('networks.list', {});
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(defaultNetworkSort);
  const [chosen, setChosen] = useState<Selection>(emptySelection);
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [dialog, confirm] = useConfirm();
  const removal = useRemoveNetworks(confirm);

  const allRows = useMemo(() => (networks.data ?? []).map(toNetworkRow), [networks.data]);
  const shownRows = useMemo(
    () =>
      sortNetworkRows(
        allRows.filter((row) => matchesSearch(row, deferredSearch)),
        sort,
      ),
    [allRows, deferredSearch, sort],
  );
  const selection = useMemo(
    () =>
      keepShown(
        chosen,
        shownRows.map((row) => row.id),
      ),
    [chosen, shownRows],
  );
  const selectedRows = shownRows.filter((row) => selection.selected.has(row.id));
  const predefinedChosen = selectedRows.filter((row) => row.predefined);
  const [single] = selectedRows.length === 1 ? selectedRows : [];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h4" component="h1">
            Networks
          </Typography>
          {networks.data && (
            <Typography
              data-testid="network-count"
              aria-live="polite"
              variant="body2"
              color="text.secondary"
            >
              {countLabel(shownRows.length, allRows.length)}
            </Typography>
          )}
        </Box>
        <SearchField
          label="Search networks"
          value={search}
          onChange={setSearch}
          sx={{ width: 320, maxWidth: '100%' }}
        />
      </Box>

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
        <Button
          variant="outlined"
          startIcon={<CleaningServicesIcon />}
          onClick={() => setPruning(true)}
        >
          Prune…
        </Button>
        {predefinedChosen.length > 0 && (
          <Typography variant="body2" color="text.secondary" data-testid="predefined-note">
            {predefinedChosen.map((row) => row.name).join(', ')}{' '}
            {predefinedChosen.length === 1 ? 'is' : 'are'} predefined by the engine and cannot be
            removed.
          </Typography>
        )}
      </Stack>
      {removal.failures.length > 0 && (
        <Alert severity="error" data-testid="remove-error" onClose={removal.dismiss}>
          {removal.failures.map((failure) => (
            <Box key={failure.row.id}>
              Could not remove {failure.row.name}: {failure.message}
            </Box>
          ))}
        </Alert>
      )}
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
        <Box data-testid="networks-loading" aria-busy="true" aria-label="Loading networks">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} variant="rounded" height={40} sx={{ mb: 1 }} />
          ))}
        </Box>
      )}
      {networks.data && allRows.length === 0 && (
        <Typography data-testid="networks-empty" color="text.secondary" sx={{ py: 4 }}>
          The engine lists no networks, not even its own bridge: it may still be starting. Create
          one with the Create network button.
        </Typography>
      )}
      {networks.data && allRows.length > 0 && shownRows.length === 0 && (
        <Typography data-testid="networks-no-match" color="text.secondary" sx={{ py: 4 }}>
          No networks match “{deferredSearch.trim()}”.
        </Typography>
      )}
      {shownRows.length > 0 && (
        <NetworksTable
          rows={shownRows}
          sort={sort}
          onSortBy={(key: NetworkSortKey) => setSort((current) => nextSort(current, key))}
          scrollResetKey={`${sort.key} ${sort.direction} ${deferredSearch}`}
          selection={selection}
          onSelectionChange={setChosen}
        />
      )}
      {single && (
        <NetworkDetailPanel
          key={single.id}
          id={single.id}
          name={single.name}
          candidates={connectCandidates(allRows, single.id)}
          onClose={() => setChosen(emptySelection)}
        />
      )}
      <CreateNetworkDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => setChosen({ selected: new Set([id]), anchor: id })}
      />
      <PruneNetworksDialog open={pruning} onClose={() => setPruning(false)} />
      {dialog}
    </Box>
  );
}
