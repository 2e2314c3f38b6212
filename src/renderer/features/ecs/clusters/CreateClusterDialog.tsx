import { TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clusterNameProblem } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { FormDialog } from '../../../common/form/FormDialog';

/** CreateCluster: a name checked as ECS checks it; closes with the name it created. */
export function CreateClusterDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose(created?: string): void;
}) {
  const [name, setName] = useState('');
  const action = useStowageMutation();
  const queryClient = useQueryClient();
  const problem = name === '' ? undefined : clusterNameProblem(name);
  const close = (created?: string) => {
    setName('');
    action.clear();
    onClose(created);
  };
  const create = async () => {
    const created = await action.run((client) =>
      client.call('ecs.clusters.create', { clusterName: name }),
    );
    if (!created.ok) return;
    // The page shows the new cluster only once the list holds it; otherwise it would give way
    // to the first cluster listed before the change event refreshes the list.
    await queryClient.invalidateQueries({ queryKey: ['ecs.clusters.list'] });
    close(created.value.clusterName);
  };
  return (
    <FormDialog
      open={open}
      title="Create a cluster"
      submitLabel="Create"
      mutation={action}
      disabled={name === '' || problem !== undefined}
      onClose={() => close()}
      onSubmit={create}
    >
      <TextField
        autoFocus
        fullWidth
        label="Cluster name"
        placeholder="demo"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem !== undefined}
        helperText={problem ?? 'Letters, numbers, hyphens and underscores; up to 255.'}
      />
    </FormDialog>
  );
}
