import { Stack } from '@mui/material';
import { useStowageStream } from '../../api';
import { TransferOutcome } from '../../common/TransferOutcome';
import { pulledToast, useToast } from '../../common/toast';

/** A pull of one tag into the engine, with progress per layer; cancellable. */
export function PullPanel({ reference, onDismiss }: { reference: string; onDismiss(): void }) {
  const toast = useToast();
  const pull = useStowageStream(
    'images.pull',
    { reference },
    { onDone: (result) => toast.show(pulledToast(result)) },
  );
  return (
    <Stack sx={{ gap: 1 }} data-testid="registry-pull">
      <TransferOutcome
        transfer={pull}
        verb="pull"
        reference={reference}
        doneMessage={
          pull.result && `Pulled ${pull.result.reference}: it is on the Images page now.`
        }
        testIdPrefix="registry-pull"
        onDismiss={onDismiss}
      />
    </Stack>
  );
}
