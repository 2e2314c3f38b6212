import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  IconButton,
  Link,
  Skeleton,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { repositoryNameSchema, type CallOutput, type StowageError } from '../../../shared';
import { useStowageClient, useStowageMutation, useStowageQuery } from '../../api';
import type { ConfirmAnswer, ConfirmRequest } from '../../common/ConfirmDialog';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import { formatRelativeTime } from '../../common/format';
import { useNow } from '../../common/use-now';
import { pullReference, shortDigest, sortTags, tagFactsOf } from './registry-text';

/** The registry's catalog, a page at a time, and a way to open a repository by name. */
export function RepositoriesView({
  registry,
  onOpen,
}: {
  registry: string;
  onOpen(repository: string): void;
}) {
  const client = useStowageClient();
  const pages = useInfiniteQuery<CallOutput<'registries.repositories'>, StowageError>({
    queryKey: ['registries.repositories', { registry }],
    queryFn: ({ pageParam, signal }) =>
      client.call(
        'registries.repositories',
        typeof pageParam === 'string' ? { registry, last: pageParam } : { registry },
        { signal },
      ),
    initialPageParam: undefined,
    getNextPageParam: (page) => page.next,
    retry: false,
  });
  const repositories = pages.data?.pages.flatMap((page) => page.repositories) ?? [];
  const columns: DataColumn<string>[] = [
    {
      id: 'name',
      header: 'Repository',
      identifying: true,
      cell: (name) => (
        <Link component="button" onClick={() => onOpen(name)} sx={{ fontFamily: 'monospace' }}>
          {name}
        </Link>
      ),
      title: (name) => name,
    },
  ];
  return (
    <Stack sx={{ gap: 2, flex: 1, minHeight: 0 }}>
      <OpenByName onOpen={onOpen} />
      {pages.error && (
        <QueryErrorAlert
          error={pages.error}
          failedTo={`list the repositories of ${registry}`}
          refreshes="the list shows"
          testId="repositories-error"
        />
      )}
      {pages.isPending && (
        <Skeleton variant="rounded" height={120} aria-label="Loading repositories" />
      )}
      {pages.data && repositories.length === 0 && (
        <Typography color="text.secondary" data-testid="repositories-empty">
          This registry holds no repositories yet. Push an image tagged {registry}/name:tag to it,
          and it appears here.
        </Typography>
      )}
      {repositories.length > 0 && (
        <DataTable
          label="Repositories"
          testId="registry-repositories"
          rows={repositories}
          columns={columns}
          getRowId={(name) => name}
          rowHeight={37}
          rowAttributes={(name) => ({ 'data-testid': 'repository-row', 'data-repository': name })}
        />
      )}
      {pages.hasNextPage && (
        <Box>
          <Button onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Load more repositories'}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function OpenByName({ onOpen }: { onOpen(repository: string): void }) {
  const [name, setName] = useState('');
  const parsed = repositoryNameSchema.safeParse(name.trim());
  const problem =
    name.trim() !== '' && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const open = () => {
    if (parsed.success) onOpen(parsed.data);
  };
  return (
    <Stack direction="row" sx={{ gap: 1, alignItems: 'flex-start' }}>
      <TextField
        size="small"
        label="Open a repository by name"
        placeholder="team/app"
        value={name}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') open();
        }}
        error={problem !== undefined}
        helperText={problem ?? 'For registries that do not list their repositories.'}
        sx={{ width: 360, maxWidth: '100%' }}
      />
      <Button variant="outlined" disabled={!parsed.success} onClick={open} sx={{ mt: 0.25 }}>
        Open
      </Button>
    </Stack>
  );
}

/** The tags of one repository: open one, pull it, or delete it after confirming. */
export function TagsView({
  registry,
  repository,
  confirm,
  onOpen,
  onPull,
}: {
  registry: string;
  repository: string;
  confirm(request: ConfirmRequest): Promise<ConfirmAnswer>;
  onOpen(tag: string): void;
  onPull(reference: string): void;
}) {
  const tags = useStowageQuery('registries.tags', { registry, repository }, { retry: false });
  const deletion = useDeleteTag(registry, repository, confirm);
  const manifestOf = (tag: string) => ({ registry, repository, tag });
  const columns: DataColumn<string>[] = [
    {
      id: 'tag',
      header: 'Tag',
      identifying: true,
      cell: (tag) => (
        <Link component="button" onClick={() => onOpen(tag)} sx={{ fontFamily: 'monospace' }}>
          {tag}
        </Link>
      ),
      title: (tag) => tag,
    },
    {
      id: 'digest',
      header: 'Digest',
      width: 200,
      priority: 2,
      cell: (tag) => <TagFact {...manifestOf(tag)} part="digest" />,
    },
    {
      id: 'size',
      header: 'Size',
      width: 110,
      numeric: true,
      cell: (tag) => <TagFact {...manifestOf(tag)} part="size" />,
    },
    {
      id: 'built',
      header: 'Image built',
      width: 150,
      priority: 3,
      cell: (tag) => <TagFact {...manifestOf(tag)} part="built" />,
    },
    {
      id: 'actions',
      header: 'Actions',
      width: 120,
      cell: (tag) => (
        <Stack direction="row">
          <Tooltip title={`Pull ${tag}`}>
            <IconButton
              size="small"
              aria-label={`Pull ${tag}`}
              onClick={() => onPull(pullReference(registry, repository, tag))}
            >
              <DownloadIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title={`Delete ${tag}`}>
            <IconButton
              size="small"
              color="error"
              aria-label={`Delete ${tag}`}
              disabled={deletion.busy}
              onClick={() => void deletion.remove(tag)}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
      ),
    },
  ];
  return (
    <Stack sx={{ gap: 2, flex: 1, minHeight: 0 }}>
      <MutationErrorAlert
        mutation={deletion}
        title="The registry did not delete the tag"
        testId="delete-tag-error"
      />
      {tags.error && (
        <QueryErrorAlert
          error={tags.error}
          failedTo={`list the tags of ${repository}`}
          refreshes="the tags show"
          testId="tags-error"
        />
      )}
      {tags.isPending && <Skeleton variant="rounded" height={120} aria-label="Loading tags" />}
      {tags.data && tags.data.tags.length === 0 && (
        <Typography color="text.secondary" data-testid="tags-empty">
          {repository} has no tags left. Push an image as {registry}/{repository}:tag to add one.
        </Typography>
      )}
      {tags.data?.truncated && (
        <Alert severity="info">Only the first {tags.data.tags.length} tags are shown.</Alert>
      )}
      {tags.data && tags.data.tags.length > 0 && (
        <DataTable
          label="Tags"
          testId="registry-tags"
          rows={sortTags(tags.data.tags)}
          columns={columns}
          getRowId={(tag) => tag}
          rowHeight={41}
          rowAttributes={(tag) => ({ 'data-testid': 'tag-row', 'data-tag': tag })}
        />
      )}
    </Stack>
  );
}

const builtNote =
  'When the image was built, from its config. A registry keeps no time of the push.';

/**
 * One fact of the manifest a tag points at. Each row asks for its own manifest when it is
 * drawn (the table draws only the rows in view); the cells of a row share the one answer.
 */
function TagFact({
  registry,
  repository,
  tag,
  part,
}: {
  registry: string;
  repository: string;
  tag: string;
  part: 'digest' | 'size' | 'built';
}) {
  const manifest = useStowageQuery(
    'registries.manifest',
    { registry, repository, reference: tag },
    { retry: false, staleTime: 60_000 },
  );
  const now = useNow(60_000, part === 'built');
  if (manifest.error) {
    return part === 'digest' ? (
      <Typography variant="body2" color="text.secondary" title={manifest.error.message}>
        unreadable
      </Typography>
    ) : null;
  }
  if (!manifest.data) return <Skeleton width={part === 'digest' ? 140 : 60} />;
  const facts = tagFactsOf(manifest.data);
  if (part === 'size') return facts.size;
  if (part === 'built') {
    if (facts.built === undefined) {
      return (
        <Typography
          variant="body2"
          color="text.secondary"
          title="Open the tag: each platform has its own image"
        >
          —
        </Typography>
      );
    }
    return (
      <Box component="span" title={`${new Date(facts.built).toLocaleString()}. ${builtNote}`}>
        {formatRelativeTime(now, facts.built)}
      </Box>
    );
  }
  return (
    <Stack direction="row" sx={{ alignItems: 'center', minWidth: 0 }}>
      <Box
        component="span"
        title={facts.digest}
        sx={{ fontFamily: 'monospace', overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {shortDigest(facts.digest)}
      </Box>
      <Tooltip title={`Copy the digest of ${tag}`}>
        <IconButton
          size="small"
          aria-label={`Copy the digest of ${tag}`}
          onClick={() => void navigator.clipboard?.writeText(facts.digest)}
          sx={{ ml: 0.5, p: 0.25 }}
        >
          <ContentCopyIcon sx={{ fontSize: 14 }} />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

/** Deletes a tag's manifest after a confirmation naming it; the tag list refreshes after. */
export function useDeleteTag(
  registry: string,
  repository: string,
  confirm: (request: ConfirmRequest) => Promise<ConfirmAnswer>,
  onDeleted: () => void = () => undefined,
) {
  const queryClient = useQueryClient();
  const deletion = useStowageMutation();
  const remove = async (tag: string) => {
    const confirmed = await confirm({
      title: `Delete the tag ${tag}?`,
      message:
        'The registry deletes the manifest this tag points at, and with it every other tag of that manifest. Images already pulled stay on the engine.',
      items: [pullReference(registry, repository, tag)],
      confirmLabel: 'Delete tag',
    });
    if (!confirmed) return;
    const deleted = await deletion.run((client) =>
      client.call('registries.deleteTag', { registry, repository, tag }),
    );
    if (deleted.ok) onDeleted();
    // A registry sends no events: what it holds is read again, whether the delete went through or not.
    await queryClient.invalidateQueries({ queryKey: ['registries.tags'] });
    await queryClient.invalidateQueries({ queryKey: ['registries.manifest'] });
  };
  return { ...deletion, remove };
}
