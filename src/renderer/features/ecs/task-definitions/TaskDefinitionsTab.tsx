import AddIcon from '@mui/icons-material/Add';
import CodeIcon from '@mui/icons-material/Code';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import DeleteIcon from '@mui/icons-material/Delete';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  Box,
  Button,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import type { EcsTaskDefinition } from '../../../../shared';
import { useStowageQuery, useStowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';
import { useConfirm } from '../../../common/ConfirmDialog';
import { formatRelativeTime, plural } from '../../../common/format';
import { JsonViewer } from '../../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../../common/table/DataTable';
import { emptySelection, keepShown, type Selection } from '../../../common/table/selection';
import { useNow } from '../../../common/use-now';
import { CompareDialog, ExportDialog } from './DefinitionJsonDialogs';
import { familyColor } from '../family-colors';
import { JsonEditorDialog } from './JsonEditorDialog';
import { RunTaskDialog } from './RunTaskDialog';
import { TaskDefinitionFormDialog } from './TaskDefinitionFormDialog';

type Dialogs =
  | { kind: 'form' }
  | { kind: 'json' }
  | { kind: 'run'; definition: EcsTaskDefinition }
  | { kind: 'export'; arn: string }
  | { kind: 'compare'; left: string; right: string };

/** Families and their revisions; register, compare, export, deregister, delete and run. */
export function TaskDefinitionsTab({
  clusters,
  family,
  onFamily,
}: {
  clusters: readonly string[];
  /** The family shown, from the URL; the first one when it is not set or gone. */
  family: string | undefined;
  onFamily(family: string): void;
}) {
  const definitions = useStowageQuery('ecs.taskDefinitions.list', {});
  const [chosen, setChosen] = useState<Selection>(emptySelection);
  const [open, setOpen] = useState<Dialogs | undefined>(undefined);
  const [dialog, confirm] = useConfirm();
  const action = useStowageMutation();
  const now = useNow(30_000);

  const families = useMemo(() => {
    const byFamily = new Map<string, EcsTaskDefinition[]>();
    for (const definition of definitions.data ?? []) {
      const name = definition.family ?? '';
      byFamily.set(name, [...(byFamily.get(name) ?? []), definition]);
    }
    return byFamily;
  }, [definitions.data]);
  const familyNames = [...families.keys()];
  const shownFamily = family !== undefined && families.has(family) ? family : familyNames[0];
  const revisions = [...(families.get(shownFamily ?? '') ?? [])].reverse();
  const selection = keepShown(
    chosen,
    revisions.map((definition) => definition.taskDefinitionArn ?? ''),
  );
  const selected = revisions.filter((definition) =>
    selection.selected.has(definition.taskDefinitionArn ?? ''),
  );
  const [single] = selected.length === 1 ? selected : [];
  const label = (definition: EcsTaskDefinition) => `${definition.family}:${definition.revision}`;

  const deregister = async (definition: EcsTaskDefinition) => {
    const confirmed = await confirm({
      title: 'Deregister the revision?',
      message: 'It becomes INACTIVE: still describable, but no new task can use it.',
      items: [label(definition)],
      confirmLabel: 'Deregister',
    });
    if (!confirmed) return;
    await action.run((client) =>
      client.call('ecs.taskDefinitions.deregister', {
        taskDefinition: definition.taskDefinitionArn ?? '',
      }),
    );
  };

  const remove = async (chosenDefinitions: EcsTaskDefinition[]) => {
    const confirmed = await confirm({
      title: 'Delete these revisions?',
      message: 'Only INACTIVE revisions can be deleted; they are gone for good.',
      items: chosenDefinitions.map(label),
      confirmLabel: 'Delete',
    });
    if (!confirmed) return;
    await action.run(async (client) => {
      const answer = await client.call('ecs.taskDefinitions.delete', {
        taskDefinitions: chosenDefinitions.map((definition) => definition.taskDefinitionArn ?? ''),
      });
      const failure = answer.failures[0];
      if (failure) throw new Error(`${failure.arn ?? ''}: ${failure.reason ?? 'not deleted'}`);
    });
  };

  const columns: DataColumn<EcsTaskDefinition>[] = [
    { id: 'revision', header: 'Revision', width: 100, cell: (d) => d.revision },
    { id: 'status', header: 'Status', width: 110, cell: (d) => d.status },
    {
      id: 'size',
      header: 'CPU / memory',
      width: 150,
      cell: (d) =>
        d.cpu || d.memory
          ? `${d.cpu ?? '—'} / ${d.memory ?? '—'}`
          : plural((d.containerDefinitions ?? []).length, 'container'),
    },
    { id: 'network', header: 'Network', width: 100, cell: (d) => d.networkMode },
    {
      id: 'compat',
      header: 'Compatibilities',
      cell: (d) => (d.compatibilities ?? []).join(', '),
    },
    {
      id: 'registered',
      header: 'Registered',
      width: 190,
      cell: (d) => (d.registeredAt ? formatRelativeTime(now, d.registeredAt) : '—'),
    },
  ];

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0, flex: 1 }}>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setOpen({ kind: 'form' })}
        >
          Create with form
        </Button>
        <Button
          variant="outlined"
          startIcon={<CodeIcon />}
          onClick={() => setOpen({ kind: 'json' })}
        >
          Create from JSON
        </Button>
      </Stack>
      <MutationErrorAlert mutation={action} testId="definition-action-error" />
      {definitions.error && (
        <QueryErrorAlert
          error={definitions.error}
          failedTo="list task definitions"
          refreshes="the list refreshes"
          testId="definitions-error"
        />
      )}
      {definitions.data && familyNames.length === 0 && (
        <Box sx={{ py: 6, textAlign: 'center' }} data-testid="definitions-empty">
          <Typography variant="h6">No task definitions yet</Typography>
          <Typography color="text.secondary">
            Register one with the form, or paste the JSON of aws ecs register-task-definition.
          </Typography>
        </Box>
      )}
      {familyNames.length > 0 && (
        <Box sx={{ display: 'flex', gap: 2, minHeight: 0, flex: 1 }}>
          <Paper variant="outlined" sx={{ width: 220, flexShrink: 0, overflow: 'auto' }}>
            <List dense aria-label="Task definition families" data-testid="families">
              {familyNames.map((name) => (
                <ListItemButton
                  key={name}
                  selected={name === shownFamily}
                  onClick={() => {
                    onFamily(name);
                    setChosen(emptySelection);
                  }}
                >
                  <Box
                    sx={{
                      width: 10,
                      height: 10,
                      borderRadius: '50%',
                      bgcolor: familyColor(name),
                      mr: 1.5,
                      flexShrink: 0,
                    }}
                  />
                  <ListItemText
                    primary={name}
                    secondary={plural(families.get(name)?.length ?? 0, 'revision')}
                  />
                </ListItemButton>
              ))}
            </List>
          </Paper>
          <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
              <Button
                variant="contained"
                startIcon={<PlayArrowIcon />}
                disabled={single?.status !== 'ACTIVE'}
                onClick={() => single && setOpen({ kind: 'run', definition: single })}
              >
                Run task…
              </Button>
              <Button
                startIcon={<FileDownloadIcon />}
                disabled={!single}
                onClick={() =>
                  single && setOpen({ kind: 'export', arn: single.taskDefinitionArn ?? '' })
                }
              >
                Export JSON
              </Button>
              <Button
                startIcon={<CompareArrowsIcon />}
                disabled={selected.length !== 2}
                onClick={() => {
                  const [newer, older] = selected;
                  if (newer && older) {
                    setOpen({
                      kind: 'compare',
                      left: older.taskDefinitionArn ?? '',
                      right: newer.taskDefinitionArn ?? '',
                    });
                  }
                }}
              >
                Compare 2
              </Button>
              <Button
                color="warning"
                disabled={single?.status !== 'ACTIVE' || action.busy}
                onClick={() => single && void deregister(single)}
              >
                Deregister
              </Button>
              <Button
                color="error"
                startIcon={<DeleteIcon />}
                disabled={
                  selected.length === 0 ||
                  selected.some((definition) => definition.status !== 'INACTIVE') ||
                  action.busy
                }
                onClick={() => void remove(selected)}
              >
                Delete
              </Button>
            </Stack>
            <Typography variant="caption" color="text.secondary">
              Choose a revision to run, export or deregister it; choose two to compare them.
            </Typography>
            <DataTable
              label={`Revisions of ${shownFamily ?? ''}`}
              testId="revisions-table"
              rows={revisions}
              columns={columns}
              getRowId={(definition) => definition.taskDefinitionArn ?? ''}
              rowAttributes={(definition) => ({ 'data-revision': String(definition.revision) })}
              selection={{ value: selection, onChange: setChosen }}
            />
            {single && <JsonViewer value={single} label={`${label(single)} JSON`} />}
          </Box>
        </Box>
      )}
      <TaskDefinitionFormDialog open={open?.kind === 'form'} onClose={() => setOpen(undefined)} />
      <JsonEditorDialog open={open?.kind === 'json'} onClose={() => setOpen(undefined)} />
      {open?.kind === 'run' && (
        <RunTaskDialog
          definition={open.definition}
          clusters={clusters}
          onClose={() => setOpen(undefined)}
        />
      )}
      {open?.kind === 'export' && (
        <ExportDialog taskDefinition={open.arn} onClose={() => setOpen(undefined)} />
      )}
      {open?.kind === 'compare' && (
        <CompareDialog left={open.left} right={open.right} onClose={() => setOpen(undefined)} />
      )}
      {dialog}
    </Box>
  );
}
