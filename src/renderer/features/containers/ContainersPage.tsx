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
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../shared';
import { useStowageQuery } from '../../api';
import { takeIntent, type PageIntent } from '../../common/intents';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { countLabel } from '../../common/list/count-label';
import { ListPage, ListPageHeader } from '../../common/list/ListPage';
import { ListLoading, ListNote } from '../../common/list/ListStates';
import { emptySelection, keepShown, type Selection } from '../../common/table/selection';
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

export function ContainersPage() {
  const [runningOnly, setRunningOnly] = useState(false);
  // Events keep the open list live (useLiveContainers); a list shown anew is read anew.
  const containers = useStowageQuery('containers.list', { all: !runningOnly }, { staleTime: 0 });
  useLiveContainers();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(defaultContainerSort);
  const [grouping, setGrouping] = useState<Grouping>('none');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<Selection>(emptySelection);
  const [runForm, setRunForm] = useState<RunForm | undefined>(undefined);
  // A new key per opening: the dialog starts from its initial values every time.
  const [runKey, setRunKey] = useState(0);
  const openRun = (form: RunForm) => {
    setRunForm(form);
    setRunKey((key) => key + 1);
  };
  const [pruning, setPruning] = useState(false);
  const [opened, setOpened] = useState<PageIntent & { kind: 'open-container' }>();

  useEffect(() => {
    // Another page sent the user here to run an image, or to one container's logs or terminal.
    const run = takeIntent('run-container');
    const open = takeIntent('open-container');
    queueMicrotask(() => {
      if (run) {
        setRunForm({ ...emptyRunForm, image: run.image });
        setRunKey((key) => key + 1);
      }
      if (open) {
        setOpened(open);
        setChosen({ selected: new Set([open.container]), anchor: open.container });
      }
    });
  }, []);

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
      keepShown(
        chosen,
        rows.filter((row) => row.kind === 'container').map((row) => row.id),
      ),
    [chosen, rows],
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
      {opened && all && !all.some((container) => container.id === opened.container) && (
        <Alert
          severity="info"
          data-testid="opened-container-gone"
          onClose={() => setOpened(undefined)}
        >
          Container {opened.container.slice(0, 12)} is not in the list: it has been removed
          {runningOnly ? ', or it is not running' : ''}.
        </Alert>
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
          onSelectionChange={setChosen}
          onToggleGroup={toggleGroup}
        />
      )}
      {single && (
        <ContainerDetailPanel
          key={single.id}
          summary={single}
          {...(single.id === opened?.container ? { initialTab: opened.tab } : {})}
          onDuplicate={duplicate}
          onClose={() => setChosen(emptySelection)}
        />
      )}
      {runForm && (
        <RunDialog
          key={runKey}
          initial={runForm}
          onClose={(ranId) => {
            setRunForm(undefined);
            if (ranId) setChosen({ selected: new Set([ranId]), anchor: ranId });
          }}
        />
      )}
      <PruneDialog open={pruning} onClose={() => setPruning(false)} />
    </ListPage>
  );
}
