import { DialogContentText } from '@mui/material';
import type { EcsServiceDeployment } from '../../../../shared';
import { useStowageMutation } from '../../../api';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { usesLoadBalancer } from './deployment-strategy';

/**
 * StopServiceDeployment, confirmed. It stops with ROLLBACK, the stop type ECS takes by
 * default: the service goes back to the last revision that completed, and for a strategy that
 * shifts traffic, production goes back to blue while blue's tasks still run.
 */
export function StopDeploymentDialog({
  deployment,
  deploying,
  rollingBackTo,
  onClose,
}: {
  deployment: EcsServiceDeployment;
  /** The revision the deployment brings in ("web:3"). */
  deploying: string;
  /** The revision the service goes back to ("web:2"). */
  rollingBackTo: string;
  onClose(): void;
}) {
  const action = useStowageMutation();
  const shiftsTraffic = usesLoadBalancer(deployment.deploymentConfiguration?.strategy ?? 'ROLLING');

  const stop = async () => {
    const answer = await action.run((client) =>
      client.call('ecs.services.stopDeployment', {
        serviceDeploymentArn: deployment.serviceDeploymentArn ?? '',
      }),
    );
    if (answer.ok) onClose();
  };

  return (
    <ConfirmDeleteDialog
      title={`Stop the deployment of ${deploying}?`}
      mutation={action}
      errorTitle="The deployment was not stopped"
      errorTestId="stop-deployment-error"
      confirmLabel="Stop and roll back"
      onConfirm={() => void stop()}
      onClose={onClose}
    >
      <DialogContentText>
        ECS does not leave a stopped deployment half done: it rolls the service back to{' '}
        <strong>{rollingBackTo}</strong>, the last revision that completed. The deployment shows as
        ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL once {rollingBackTo} runs at the desired
        count again.
      </DialogContentText>
      <DialogContentText>
        {shiftsTraffic
          ? `Production traffic goes back to blue (${rollingBackTo}) while its tasks still run; green's tasks (${deploying}) are deregistered, drained and stopped.`
          : `Tasks of ${rollingBackTo} are started again and those of ${deploying} stopped, within the service's minimum and maximum percent.`}
      </DialogContentText>
    </ConfirmDeleteDialog>
  );
}
