import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/Download';
import LoginIcon from '@mui/icons-material/Login';
import LogoutIcon from '@mui/icons-material/Logout';
import UploadIcon from '@mui/icons-material/Upload';
import {
  Box,
  Breadcrumbs,
  Button,
  Chip,
  Link,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RegistrySummary } from '../../../shared';
import { useStowageMutation, useStowageQuery } from '../../api';
import { useConfirm } from '../../common/ConfirmDialog';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { ManifestView } from './ManifestView';
import { PullPanel } from './PullPanel';
import { PushDialog } from './PushDialog';
import { RepositoriesView, TagsView, useDeleteTag } from './RegistryBrowser';
import { AddRegistryDialog, SignInDialog } from './RegistryDialogs';
import { pullReference, signInLabel, signInState } from './registry-text';
import { plural } from '../../common/format';

/** Where the browser is: a registry, then a repository, then a tag (or a platform's digest). */
interface Place {
  registry: string;
  repository?: string;
  tag?: string;
  platform?: { digest: string; label: string };
}

/** Every answer about registries: a sign-in or sign-out changes what each of them says. */
const isRegistryQuery = (query: { queryKey: readonly unknown[] }) =>
  String(query.queryKey[0]).startsWith('registries.');

export function RegistriesPage() {
  const registries = useStowageQuery('registries.list', {});
  const queryClient = useQueryClient();
  const [place, setPlace] = useState<Place | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [signingIn, setSigningIn] = useState<RegistrySummary | undefined>(undefined);
  const list = registries.data ?? [];
  const current = list.find((entry) => entry.registry === place?.registry) ?? list[0];
  const at: Place | undefined = current
    ? place?.registry === current.registry
      ? place
      : { registry: current.registry }
    : undefined;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h4" component="h1">
            Registries
          </Typography>
          {registries.data && (
            <Typography variant="body2" color="text.secondary" data-testid="registry-count">
              {plural(list.length, 'registry', 'registries')}
            </Typography>
          )}
        </Box>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          Add registry
        </Button>
      </Box>
      {registries.error && (
        <QueryErrorAlert
          error={registries.error}
          failedTo="list registries"
          refreshes="the list refreshes"
          testId="registries-error"
        />
      )}
      {registries.isPending && (
        <Skeleton variant="rounded" height={120} aria-label="Loading registries" />
      )}
      {registries.data && list.length === 0 && (
        <Typography color="text.secondary" data-testid="registries-empty" sx={{ py: 4 }}>
          No registries yet. Add one by its address with Add registry (localhost:5000), or sign in
          with docker login: the registries the docker CLI knows appear here.
        </Typography>
      )}
      {current && at && (
        <Box sx={{ display: 'flex', gap: 2, flex: 1, minHeight: 0 }}>
          <Paper variant="outlined" sx={{ width: 300, flexShrink: 0, overflow: 'auto' }}>
            <List aria-label="Registries" dense>
              {list.map((entry) => (
                <ListItemButton
                  key={entry.registry}
                  selected={entry.registry === current.registry}
                  onClick={() => setPlace({ registry: entry.registry })}
                  data-testid="registry-item"
                  data-registry={entry.registry}
                >
                  <ListItemText
                    primary={entry.registry}
                    secondary={signInLabel(entry)}
                    slotProps={{ primary: { sx: { fontFamily: 'monospace' }, noWrap: true } }}
                  />
                </ListItemButton>
              ))}
            </List>
          </Paper>
          <RegistryPanel
            key={current.registry}
            registry={current}
            place={at}
            onPlace={setPlace}
            onSignIn={() => setSigningIn(current)}
          />
        </Box>
      )}
      <AddRegistryDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(added) => {
          setPlace({ registry: added.registry });
          void registries.refetch();
        }}
      />
      <SignInDialog
        registry={signingIn}
        onClose={() => setSigningIn(undefined)}
        onSignedIn={() => void queryClient.invalidateQueries({ predicate: isRegistryQuery })}
      />
    </Box>
  );
}

function RegistryPanel({
  registry,
  place,
  onPlace,
  onSignIn,
}: {
  registry: RegistrySummary;
  place: Place;
  onPlace(place: Place): void;
  onSignIn(): void;
}) {
  const queryClient = useQueryClient();
  const [dialog, confirm] = useConfirm();
  const [pulling, setPulling] = useState<string | undefined>(undefined);
  const login = useStowageMutation();
  const [pushing, setPushing] = useState(false);
  const name = registry.registry;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['registries.list'] });
  const signOut = async () => {
    const confirmed = await confirm({
      title: `Sign out of ${name}?`,
      message: 'The saved login is removed, so the docker CLI is signed out of this registry too.',
      items: [`${registry.username ?? ''}@${name}`],
      confirmLabel: 'Sign out',
    });
    if (!confirmed) return;
    await login.run((client) => client.call('registries.signOut', { registry: name }));
    await queryClient.invalidateQueries({ predicate: isRegistryQuery });
  };
  const forget = async () => {
    await login.run((client) => client.call('registries.forget', { registry: name }));
    await refresh();
  };

  return (
    <Paper
      variant="outlined"
      sx={{ flex: 1, minWidth: 0, p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="registry-panel"
    >
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h6" component="h2" sx={{ fontFamily: 'monospace', mr: 1 }}>
          {name}
        </Typography>
        <Chip
          size="small"
          color={registry.signedIn ? 'success' : 'default'}
          label={registry.signedIn ? 'Signed in' : 'Anonymous'}
        />
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {signInState(registry)}
        </Typography>
        <Button startIcon={<UploadIcon />} onClick={() => setPushing(true)}>
          Push image
        </Button>
        {registry.signedIn ? (
          <Button startIcon={<LogoutIcon />} onClick={() => void signOut()}>
            Sign out
          </Button>
        ) : (
          <Button variant="outlined" startIcon={<LoginIcon />} onClick={onSignIn}>
            Sign in
          </Button>
        )}
        {registry.addedInStowage && !registry.fromDocker && (
          <Button color="inherit" onClick={() => void forget()}>
            Remove from list
          </Button>
        )}
      </Stack>
      <MutationErrorAlert mutation={login} />
      <Breadcrumbs aria-label="Where you are in the registry">
        <PlaceLink
          plain
          label="Repositories"
          onClick={place.repository ? () => onPlace({ registry: name }) : undefined}
        />
        {place.repository && (
          <PlaceLink
            label={place.repository}
            onClick={
              place.tag
                ? () => onPlace({ registry: name, repository: place.repository })
                : undefined
            }
          />
        )}
        {place.tag && (
          <PlaceLink
            label={place.tag}
            onClick={place.platform ? () => onPlace({ ...place, platform: undefined }) : undefined}
          />
        )}
        {place.platform && <PlaceLink label={place.platform.label} />}
      </Breadcrumbs>
      {pulling && (
        <PullPanel key={pulling} reference={pulling} onDismiss={() => setPulling(undefined)} />
      )}
      {!place.repository && (
        <RepositoriesView
          registry={name}
          onOpen={(repository) => onPlace({ registry: name, repository })}
        />
      )}
      {place.repository && !place.tag && (
        <TagsView
          registry={name}
          repository={place.repository}
          confirm={confirm}
          onOpen={(tag) => onPlace({ registry: name, repository: place.repository, tag })}
          onPull={setPulling}
        />
      )}
      {place.repository && place.tag && (
        <TagDetail
          registry={name}
          repository={place.repository}
          tag={place.tag}
          platform={place.platform}
          confirm={confirm}
          onPull={setPulling}
          onPlatform={(digest, label) => onPlace({ ...place, platform: { digest, label } })}
          onDeleted={() => onPlace({ registry: name, repository: place.repository })}
        />
      )}
      <PushDialog
        registry={name}
        repository={place.repository}
        open={pushing}
        onClose={() => setPushing(false)}
        onPushed={() => void queryClient.invalidateQueries({ predicate: isRegistryQuery })}
      />
      {dialog}
    </Paper>
  );
}

function TagDetail({
  registry,
  repository,
  tag,
  platform,
  confirm,
  onPull,
  onPlatform,
  onDeleted,
}: {
  registry: string;
  repository: string;
  tag: string;
  platform: Place['platform'];
  confirm: Parameters<typeof useDeleteTag>[2];
  onPull(reference: string): void;
  onPlatform(digest: string, label: string): void;
  onDeleted(): void;
}) {
  const deletion = useDeleteTag(registry, repository, confirm, onDeleted);
  return (
    <Stack sx={{ gap: 2, flex: 1, minHeight: 0 }}>
      <Stack direction="row" sx={{ gap: 1 }}>
        <Button
          variant="contained"
          startIcon={<DownloadIcon />}
          onClick={() => onPull(pullReference(registry, repository, tag))}
        >
          Pull {tag}
        </Button>
        <Button
          color="error"
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={deletion.busy}
          onClick={() => void deletion.remove(tag)}
        >
          Delete tag
        </Button>
      </Stack>
      <MutationErrorAlert
        mutation={deletion}
        title="The registry did not delete the tag"
        testId="delete-tag-error"
      />
      <ManifestView
        registry={registry}
        repository={repository}
        reference={platform?.digest ?? tag}
        onOpenDigest={onPlatform}
      />
    </Stack>
  );
}

function PlaceLink({
  label,
  onClick,
  plain = false,
}: {
  label: string;
  onClick?: (() => void) | undefined;
  /** Words rather than a name: not set in monospace. */
  plain?: boolean;
}) {
  const fontFamily = plain ? undefined : 'monospace';
  if (!onClick) {
    return (
      <Typography color="text.primary" aria-current="page" sx={{ fontFamily }}>
        {label}
      </Typography>
    );
  }
  return (
    <Link component="button" onClick={onClick} sx={{ fontFamily, fontSize: 'inherit' }}>
      {label}
    </Link>
  );
}
