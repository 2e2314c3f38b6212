import { Checkbox, DialogContentText, FormControlLabel } from '@mui/material';
import { useState } from 'react';
import type {
  LoadBalancerView,
  TargetGroupView,
} from '../../../../shared/contract/ecs-load-balancing';
import { useStowageMutation } from '../../../api';
import { ConfirmDeleteDialog } from '../common/ConfirmDeleteDialog';
import { forwardWeights } from './elb-form';

/**
 * The target groups that only this load balancer's listeners forward to and no service
 * registers in: the ones that can go with it.
 */
export function groupsOnlyItUses(
  view: LoadBalancerView,
  all: readonly LoadBalancerView[],
  groups: readonly TargetGroupView[],
): TargetGroupView[] {
  const forwardedBy = (balancer: LoadBalancerView) =>
    new Set(
      balancer.listeners.flatMap((item) =>
        forwardWeights(item.listener).map((weight) => weight.targetGroupArn),
      ),
    );
  const mine = forwardedBy(view);
  const others = new Set(
    all
      .filter(
        (balancer) => balancer.loadBalancer.LoadBalancerArn !== view.loadBalancer.LoadBalancerArn,
      )
      .flatMap((balancer) => [...forwardedBy(balancer)]),
  );
  return groups.filter((group) => {
    const arn = group.targetGroup.TargetGroupArn ?? '';
    return mine.has(arn) && !others.has(arn) && group.serviceArns.length === 0;
  });
}

/** DeleteLoadBalancer, confirmed: its listeners go with it, as in ELB; its target groups on request. */
export function DeleteLoadBalancerDialog({
  view,
  all,
  targetGroups,
  onClose,
  onDeleted,
}: {
  view: LoadBalancerView;
  all: readonly LoadBalancerView[];
  targetGroups: readonly TargetGroupView[];
  onClose(): void;
  onDeleted(): void;
}) {
  const [withGroups, setWithGroups] = useState(true);
  const action = useStowageMutation();
  const name = view.loadBalancer.LoadBalancerName ?? '';
  const spare = groupsOnlyItUses(view, all, targetGroups);
  const spareNames = spare.map((group) => group.targetGroup.TargetGroupName ?? '').join(', ');

  const remove = async () => {
    const answer = await action.run(async (client) => {
      await client.call('ecs.loadBalancers.delete', {
        loadBalancerArn: view.loadBalancer.LoadBalancerArn ?? '',
      });
      if (!withGroups) return;
      for (const group of spare) {
        await client.call('ecs.targetGroups.delete', {
          targetGroupArn: group.targetGroup.TargetGroupArn ?? '',
        });
      }
    });
    if (answer.ok) onDeleted();
  };

  return (
    <ConfirmDeleteDialog
      title={`Delete the load balancer ${name}?`}
      mutation={action}
      errorTitle="The load balancer was not deleted"
      errorTestId="delete-load-balancer-error"
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <DialogContentText>
        {view.listeners.length === 1
          ? 'Its listener is deleted with it and stops answering at once'
          : `Its ${view.listeners.length} listeners are deleted with it and stop answering at once`}
        ; requests in flight fail. Services keep running, but no traffic reaches them through it.
      </DialogContentText>
      {spare.length > 0 && (
        <FormControlLabel
          control={
            <Checkbox
              checked={withGroups}
              onChange={(event) => setWithGroups(event.target.checked)}
            />
          }
          label={`Also delete the target ${spare.length === 1 ? 'group' : 'groups'} only it used: ${spareNames}`}
        />
      )}
    </ConfirmDeleteDialog>
  );
}
