import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, ButtonGroup } from '@mui/material';
import { useState } from 'react';
import type { ContainerSummary } from '../../../shared';
import { canDo, type ContainerAction } from './container-rows';
import { usePendingActions } from './pending-actions';
import { RemoveDialog } from './RemoveDialog';
import { useContainerActions } from './use-container-actions';

const actions: { action: ContainerAction; label: string }[] = [
  { action: 'start', label: 'Start' },
  { action: 'stop', label: 'Stop' },
  { action: 'restart', label: 'Restart' },
  { action: 'pause', label: 'Pause' },
  { action: 'unpause', label: 'Resume' },
  { action: 'kill', label: 'Kill' },
];

/**
 * The actions on the selection: each applies to the chosen containers whose state allows it
 * and that wait on no other action; Kill stays open for a container slow to stop.
 */
export function ActionBar({ selected }: { selected: readonly ContainerSummary[] }) {
  const { act, failures, dismiss } = useContainerActions();
  const pending = usePendingActions();
  const [removing, setRemoving] = useState<readonly ContainerSummary[] | undefined>(undefined);
  const idle = selected.filter((container) => !pending.has(container.id));
  return (
    <>
      <ButtonGroup variant="outlined" aria-label="Container actions">
        {actions.map(({ action, label }) => {
          const targets = (action === 'kill' ? selected : idle).filter(
            (container) =>
              canDo(action, container.state) && pending.get(container.id)?.action !== 'kill',
          );
          return (
            <Button
              key={action}
              disabled={targets.length === 0}
              onClick={() => void act(action, targets)}
            >
              {label}
            </Button>
          );
        })}
      </ButtonGroup>
      <Button
        color="error"
        variant="outlined"
        startIcon={<DeleteIcon />}
        disabled={idle.length === 0}
        onClick={() => setRemoving(idle)}
      >
        {idle.length > 1 ? `Remove ${idle.length}` : 'Remove'}
      </Button>
      {removing && (
        <RemoveDialog
          containers={removing}
          onClose={(outcome) => {
            setRemoving(undefined);
            if (outcome) void act('remove', removing, outcome);
          }}
        />
      )}
      {failures.length > 0 && (
        <Box sx={{ flexBasis: '100%' }}>
          <Alert severity="error" data-testid="action-error" onClose={dismiss}>
            {failures.map((failure) => (
              <Box key={failure.name}>
                {failure.name}: {failure.message}
              </Box>
            ))}
          </Alert>
        </Box>
      )}
    </>
  );
}
