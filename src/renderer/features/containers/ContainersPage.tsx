import AddIcon from '@mui/icons-material/Add';
import CleaningServicesIcon from '@mui/icons-material/CleaningServices';
import {
  Alert,
  Box,
  Button,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../shared';
import { useStowageQuery } from '../../api';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { countLabel } from '../../common/list/count-label';
import { ListPage, ListPageHeader } from '../../common/list/ListPage';
import { ListLoading, ListNote, RoutedItemsGone } from '../../common/list/ListStates';
import {
  goneFromUrl,
  only,
  resolveChosen,
  useRoutedSelection,
} from '../../common/list/routed-selection';
import { emptySelection } from '../../common/table/selection';
import { navigate, usePageRoute } from '../../common/use-route';
import { ActionBar } from './ActionBar';
import { ContainerDetailPanel } from './ContainerDetailPanel';
import {
  containerNoun,
  defaultContainerSort,
  matchesSearch,
  nextSort,
  sortContainers,
  toTableRows,
  type ContainerSortKey,
  type Grouping,
} from './container-rows';
import { ContainersTable } from './ContainersTable';
import { PruneDialog } from './PruneDialog';
import { RunDialog } from './RunDialog';
import { useContainerUsage } from './use-container-usage';
import { useLiveContainers } from './use-live-containers';
import { emptyRunForm, formFromSpec, type RunForm } from './run-form';
import { EngineActionButton } from '../../common/EngineActionButton';

/** The 12 characters `docker ps` shows of an id: how the URL names several chosen. */
const shortContainerId = (id: string) => id.slice(0, 12);

export function ContainersPage() {
  // The container in detail, its tab and the image to run live in the URL.
  const route = usePageRoute('containers');
  const [runningOnly, setRunningOnly] = useState(false);
  // Events keep the open list live (useLiveContainers); a list shown anew is read anew.
  const containers = useStowageQuery('containers.list', { all: !runningOnly }, { staleTime: 0 });
  useLiveContainers();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(defaultContainerSort);
  const [grouping, setGrouping] = useState<Grouping>('none');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [chosen, choose] = useRoutedSelection(
    {
      key: route.container,
      selected: route.selected,
      go: (container, selected) =>
        navigate(
          container !== undefined
            ? { page: 'containers', container }
            : { page: 'containers', selected },
          { replace: true },
        ),
    },
    shortContainerId,
  );
  const [runForm, setRunForm] = useState<RunForm | undefined>(undefined);
  // A new key per opening: the dialog starts from its initial values every time.
  const [runKey, setRunKey] = useState(0);
  const openRun = (form: RunForm) => {
    setRunForm(form);
    setRunKey((key) => key + 1);
  };
  const [pruning, setPruning] = useState(false);
  // Another page sent the user here to run an image.
  const shownRun: RunForm | undefined =
    runForm ?? (route.run === undefined ? undefined : { ...emptyRunForm, image: route.run });

  const all = containers.data;
  const usage = useContainerUsage(all?.some((container) => container.state === 'running') ?? false);
  // Re-sorted with every reading only when the order depends on the readings.
  const sortUsage = sort.key === 'cpu' || sort.key === 'memory' ? usage : undefined;
  const shown = useMemo(
    () =>
      sortContainers(
        (all ?? []).filter((container) => matchesSearch(container, deferredSearch)),
        sort,
        sortUsage,
      ),
    [all, deferredSearch, sort, sortUsage],
  );
  const rows = useMemo(
    () => toTableRows(shown, grouping, collapsed, usage),
    [shown, grouping, collapsed, usage],
  );
  const selection = useMemo(
    () =>
      resolveChosen(
        chosen,
        rows.filter((row) => row.kind === 'container').map((row) => row.id),
        shortContainerId,
      ),
    [chosen, rows],
  );
  const gone = useMemo(
    () =>
      all
        ? goneFromUrl(
            route.selected,
            all.map((container) => container.id),
            shortContainerId,
          )
        : [],
    [all, route.selected],
  );
  const selected: ContainerSummary[] = shown.filter((c) => selection.selected.has(c.id));
  const [single] = selected.length === 1 ? selected : [];
  const toggleGroup = useCallback(
    (id: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const duplicate = (spec: Parameters<typeof formFromSpec>[0]) => openRun(formFromSpec(spec));

  return (
    <ListPage>
      <ListPageHeader
        title="Containers"
        count={all && countLabel(shown.length, all.length, containerNoun)}
        countTestId="container-count"
        searchLabel="Search containers"
        search={search}
        onSearch={setSearch}
      />

      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => openRun(emptyRunForm)}>
          Run container
        </Button>
        <ActionBar selected={selected} />
        <EngineActionButton
          variant="outlined"
          startIcon={<CleaningServicesIcon />}
          onClick={() => setPruning(true)}
        >
          Prune…
        </EngineActionButton>
        <Box sx={{ flex: 1 }} />
        <TextField
          select
          size="small"
          label="Group by"
          value={grouping}
          onChange={(event) => setGrouping(event.target.value as Grouping)}
          sx={{ width: 170 }}
        >
          <MenuItem value="none">Nothing</MenuItem>
          <MenuItem value="compose">Compose project</MenuItem>
          <MenuItem value="ecs">ECS task</MenuItem>
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={runningOnly}
              onChange={(event) => setRunningOnly(event.target.checked)}
            />
          }
          label="Running only"
        />
      </Stack>

      {containers.error && (
        <QueryErrorAlert
          error={containers.error}
          failedTo="list containers"
          refreshes="the list refreshes"
          staleNote={all ? 'The containers below are the last ones seen.' : undefined}
          testId="containers-error"
        />
      )}
      {containers.isPending && !containers.error && (
        <ListLoading testId="containers-loading" label="Loading containers" rows={6} />
      )}
      {all && all.length === 0 && (
        <ListNote testId="containers-empty">
          {runningOnly
            ? 'No container is running. Turn off “Running only” to see stopped ones, or run one.'
            : 'No containers yet. Run one with the Run container button, or with the docker CLI; it appears here.'}
        </ListNote>
      )}
      {route.container && all && !all.some((container) => container.id === route.container) && (
        <Alert
          severity="info"
          data-testid="opened-container-gone"
          onClose={() => choose(emptySelection)}
        >
          Container {route.container.slice(0, 12)} is not in the list: it has been removed
          {runningOnly ? ', or it is not running' : ''}.
        </Alert>
      )}
      {gone.length > 0 && (
        <RoutedItemsGone
          testId="chosen-containers-gone"
          plural="containers"
          names={gone}
          why={
            runningOnly
              ? 'Removed since, or stopped: turn off “Running only” to see stopped ones.'
              : 'Removed since the link was made.'
          }
          onDismiss={() => choose(selection)}
        />
      )}
      {all && all.length > 0 && shown.length === 0 && (
        <Alert severity="info" data-testid="containers-no-match">
          No containers match “{deferredSearch.trim()}”.
        </Alert>
      )}
      {rows.length > 0 && (
        <ContainersTable
          rows={rows}
          sort={sort}
          onSortBy={(key: ContainerSortKey) => setSort((current) => nextSort(current, key))}
          scrollResetKey={`${sort.key} ${sort.direction} ${deferredSearch} ${grouping}`}
          selection={selection}
          onSelectionChange={choose}
          onToggleGroup={toggleGroup}
        />
      )}
      {single && (
        <ContainerDetailPanel
          key={single.id}
          summary={single}
          tab={(single.id === route.container && route.tab) || 'logs'}
          onTab={(tab) =>
            navigate({ page: 'containers', container: single.id, tab }, { replace: true })
          }
          onDuplicate={duplicate}
          onClose={() => choose(emptySelection)}
        />
      )}
      {shownRun && (
        <RunDialog
          key={runForm ? runKey : `run ${route.run}`}
          initial={shownRun}
          onClose={(ranId) => {
            setRunForm(undefined);
            if (ranId) choose(only(ranId));
            else if (route.run !== undefined) navigate({ page: 'containers' }, { replace: true });
          }}
        />
      )}
      <PruneDialog open={pruning} onClose={() => setPruning(false)} />
    </ListPage>
  );
}
