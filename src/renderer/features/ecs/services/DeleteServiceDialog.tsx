import { Checkbox, DialogContentText, FormControlLabel } from '@mui/material';
import { useState } from 'react';
import type { EcsService } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { plural } from '../../../common/format';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';

/**
 * DeleteService, confirmed. ECS refuses to delete a service scaled above 0 unless forced: without
 * force the service is scaled to 0 first and deleted once asked to run nothing; with force it is
 * deleted as it stands and ECS stops its tasks as the service drains.
 */
export function DeleteServiceDialog({
  cluster,
  service,
  onClose,
  onDeleted,
}: {
  cluster: string;
  service: EcsService;
  onClose(): void;
  onDeleted(): void;
}) {
  const [force, setForce] = useState(false);
  const action = useStowageMutation();
  const name = service.serviceName ?? '';
  const desired = service.desiredCount ?? 0;
  const running = (service.runningCount ?? 0) + (service.pendingCount ?? 0);

  const remove = async () => {
    const answer = await action.run(async (client) => {
      if (!force && desired > 0) {
        await client.call('ecs.services.update', {
          request: { cluster, service: name, desiredCount: 0 },
        });
      }
      return client.call('ecs.services.delete', { cluster, service: name, force });
    });
    if (answer.ok) onDeleted();
  };

  return (
    <ConfirmDeleteDialog
      title={`Delete the service ${name}?`}
      mutation={action}
      errorTitle="The service was not deleted"
      errorTestId="delete-service-error"
      confirmLabel={force ? 'Force delete' : desired > 0 ? 'Scale to 0 and delete' : 'Delete'}
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <DialogContentText>
        {desired > 0
          ? `It is asked to run ${plural(desired, 'task')} (${running} running or starting). It is scaled to 0 first, so its tasks stop, then deleted.`
          : 'It runs nothing: it is deleted, drains, and goes INACTIVE.'}
      </DialogContentText>
      <FormControlLabel
        control={<Checkbox checked={force} onChange={(event) => setForce(event.target.checked)} />}
        label="Force: delete it as it stands, without scaling to 0 first"
      />
      {force && (
        <DialogContentText variant="body2">
          ECS deletes a service scaled above 0 only when forced. The service goes DRAINING with its
          tasks still running, and ECS stops them as it drains.
        </DialogContentText>
      )}
    </ConfirmDeleteDialog>
  );
}
