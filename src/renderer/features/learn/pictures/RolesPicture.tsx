import { Box, Link, Stack, Typography } from '@mui/material';
import type { TourStepResultOf } from '../../../../shared';
import { hashOf } from '../../../common/routes';
import { boxSx, shortTaskId } from './picture-box';

type Row = TourStepResultOf<'roles'>['withTaskRole'];

function WhoAmI({ title, roleLabel, row }: { title: string; roleLabel: string; row: Row }) {
  return (
    <Box sx={{ ...boxSx, flex: '1 1 18rem' }} data-testid="whoami" data-source={row.source}>
      <Typography variant="subtitle2">{title}</Typography>
      <Typography variant="body2" color="text.secondary">
        Task {shortTaskId(row.taskArn)} · {roleLabel}
      </Typography>
      <Typography sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
        {row.roleArn}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        “Who am I?” from inside the container:
      </Typography>
      <Typography
        sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', fontWeight: 600 }}
        data-testid="whoami-arn"
      >
        {row.callerArn}
      </Typography>
    </Box>
  );
}

/** Each task's role and STS's answer from inside it. */
export function RolesPicture({ result }: { result: TourStepResultOf<'roles'> }) {
  return (
    <Stack sx={{ gap: 1 }} data-testid="roles-picture">
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
        <WhoAmI title="With a task role" roleLabel="its task role" row={result.withTaskRole} />
        <WhoAmI
          title="Without a task role"
          roleLabel="no task role: the instance’s role"
          row={result.withoutTaskRole}
        />
      </Stack>
      <Link href={hashOf({ page: 'ecs', view: 'tasks', cluster: result.cluster })}>
        See the tasks and their agent on the ECS page
      </Link>
    </Stack>
  );
}
