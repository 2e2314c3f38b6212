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
import { CreateVolumeDialog } from './CreateVolumeDialog';
import { PruneVolumesDialog } from './PruneVolumesDialog';
import { useRemoveVolumes } from './use-remove-volumes';
import { VolumeDetailPanel } from './VolumeDetailPanel';
import {
  countLabel,
  defaultVolumeSort,
  matchesSearch,
  nextSort,
  sortVolumeRows,
  toVolumeRow,
  type VolumeSortKey,
} from './volume-rows';
import { VolumesTable } from './VolumesTable';

export function VolumesPage() {
  const volumes = useStowageQuery('volumes.list', {});
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(defaultVolumeSort);
  const [chosen, setChosen] = useState<Selection>(emptySelection);
  const [creating, setCreating] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [dialog, confirm] = useConfirm();
  const removal = useRemoveVolumes(confirm);

  const allRows = useMemo(() => (volumes.data ?? []).map(toVolumeRow), [volumes.data]);
  const shownRows = useMemo(
    () =>
      sortVolumeRows(
        allRows.filter((row) => matchesSearch(row, deferredSearch)),
        sort,
      ),
    [allRows, deferredSearch, sort],
  );
  const selection = useMemo(
    () =>
      keepShown(
        chosen,
        shownRows.map((row) => row.name),
      ),
    [chosen, shownRows],
  );
  const selectedRows = shownRows.filter((row) => selection.selected.has(row.name));
  const [single] = selectedRows.length === 1 ? selectedRows : [];
  const conflicts = removal.failures.filter((failure) => failure.conflict);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h4" component="h1">
            Volumes
          </Typography>
          {volumes.data && (
            <Typography
              data-testid="volume-count"
              aria-live="polite"
              variant="body2"
              color="text.secondary"
            >
              {countLabel(shownRows.length, allRows.length)}
            </Typography>
          )}
        </Box>
        <SearchField
          label="Search volumes"
          value={search}
          onChange={setSearch}
          sx={{ width: 320, maxWidth: '100%' }}
        />
      </Box>

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
        <Button
          variant="outlined"
          startIcon={<CleaningServicesIcon />}
          onClick={() => setPruning(true)}
        >
          Prune…
        </Button>
      </Stack>
      {removal.failures.length > 0 && (
        <Alert
          severity="error"
          data-testid="remove-error"
          onClose={removal.dismiss}
          action={
            conflicts.length > 0 ? (
              <Button
                color="inherit"
                size="small"
                onClick={() =>
                  void removal.remove(
                    conflicts.map((failure) => failure.row),
                    true,
                  )
                }
              >
                Force remove
              </Button>
            ) : undefined
          }
        >
          {removal.failures.map((failure) => (
            <Box key={failure.row.name}>
              Could not remove {failure.row.name}: {failure.message}
            </Box>
          ))}
        </Alert>
      )}
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
        <Box data-testid="volumes-loading" aria-busy="true" aria-label="Loading volumes">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} variant="rounded" height={40} sx={{ mb: 1 }} />
          ))}
        </Box>
      )}
      {volumes.data && allRows.length === 0 && (
        <Typography data-testid="volumes-empty" color="text.secondary" sx={{ py: 4 }}>
          No volumes yet. Create one with the Create volume button, or run a container with{' '}
          <Box component="code">-v name:/path</Box>; it will appear here.
        </Typography>
      )}
      {volumes.data && allRows.length > 0 && shownRows.length === 0 && (
        <Typography data-testid="volumes-no-match" color="text.secondary" sx={{ py: 4 }}>
          No volumes match “{deferredSearch.trim()}”.
        </Typography>
      )}
      {shownRows.length > 0 && (
        <VolumesTable
          rows={shownRows}
          sort={sort}
          onSortBy={(key: VolumeSortKey) => setSort((current) => nextSort(current, key))}
          scrollResetKey={`${sort.key} ${sort.direction} ${deferredSearch}`}
          selection={selection}
          onSelectionChange={setChosen}
        />
      )}
      {single && (
        <VolumeDetailPanel
          key={single.name}
          name={single.name}
          onClose={() => setChosen(emptySelection)}
        />
      )}
      <CreateVolumeDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name) => setChosen({ selected: new Set([name]), anchor: name })}
      />
      <PruneVolumesDialog open={pruning} onClose={() => setPruning(false)} />
      {dialog}
    </Box>
  );
}
