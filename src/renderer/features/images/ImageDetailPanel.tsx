import { useState } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { readableInstruction, type ImageDetail } from '../../../shared';
import { useStowageQuery } from '../../api';
import { DetailPanel } from '../../common/detail/DetailPanel';
import { imageTabs, type ImageTab } from '../../common/routes';
import { FactsTable, keyValueLines } from '../../common/detail/FactsTable';
import { formatBytes } from '../../common/format';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { navigate } from '../../common/use-route';
import { LayersTab } from './LayersTab';
import { PushDialog, TagDialog } from './TagPushDialogs';

function Overview({ detail }: { detail: ImageDetail }) {
  const facts: [string, string][] = [
    ['Id', detail.id],
    ['Tags', detail.repoTags.join(', ') || '—'],
    ['Digests', detail.repoDigests.join(', ') || '—'],
    ['Size', formatBytes(detail.size)],
    ['Created', new Date(detail.created).toLocaleString()],
    ['Platform', `${detail.os}/${detail.architecture}`],
    ['Entrypoint', detail.entrypoint.join(' ') || '—'],
    ['Command', detail.cmd.join(' ') || '—'],
    ['Exposed ports', detail.exposedPorts.join(', ') || '—'],
    ['Environment', detail.env.join('\n') || '—'],
    ['Labels', keyValueLines(detail.labels)],
  ];
  return <FactsTable facts={facts} />;
}

function History({ detail }: { detail: ImageDetail }) {
  return (
    <>
      <Typography variant="caption" color="text.secondary" data-testid="history-size-note">
        Sizes as the engine counts them: a symlink counts its target’s name, so a layer of links has
        bytes here and 0 B on the Layers tab, which counts the bytes of files only.
      </Typography>
      <Table size="small" aria-label="Image history">
        <TableBody>
          {detail.history.map((entry, index) => (
            <TableRow key={index}>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {readableInstruction(entry.createdBy)}
              </TableCell>
              <TableCell align="right" sx={{ width: 100, whiteSpace: 'nowrap' }}>
                {formatBytes(entry.size)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** The containers made from the image; a used image cannot be removed without force. */
function ImageContainers({ detail }: { detail: ImageDetail }) {
  if (detail.containers.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ p: 2 }} data-testid="image-containers-empty">
        No container uses this image. Run… starts one from it.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Containers made from this image">
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {detail.containers.map((container) => (
          <TableRow key={container.id} data-testid="image-container">
            <TableCell>{container.name}</TableCell>
            <TableCell>{container.state}</TableCell>
            <TableCell>{container.status}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * One image in depth: overview, history in build order, and the raw inspect JSON. `tag` is
 * the name it was opened by (the row clicked); an image with several tags keeps that one.
 */
export function ImageDetailPanel({
  imageId,
  tag,
  tab: shownTab = 'overview',
  onTabChange,
  onClose,
}: {
  imageId: string;
  tag?: string;
  tab?: ImageTab;
  onTabChange(tab: ImageTab): void;
  onClose(): void;
}) {
  // The tab lives in the URL with the item; indices follow imageTabs.
  const tab = Math.max(0, imageTabs.indexOf(shownTab));
  const [dialog, setDialog] = useState<'tag' | 'push' | undefined>(undefined);
  const detail = useStowageQuery('images.inspect', { image: imageId });
  const name = tag ?? detail.data?.repoTags[0];
  return (
    <DetailPanel
      title={name ?? imageId.slice(7, 19)}
      testId="image-detail"
      tabs={[
        'Overview',
        'History',
        'Layers',
        'Inspect',
        detail.data ? `Containers (${detail.data.containers.length})` : 'Containers',
      ]}
      tab={tab}
      onTabChange={(index) => onTabChange(imageTabs[index] ?? 'overview')}
      tabsLabel="Image details"
      padded={tab === 3}
      onClose={onClose}
      actions={
        <>
          <Button
            size="small"
            disabled={!detail.data}
            onClick={() => navigate({ page: 'containers', run: name ?? imageId })}
          >
            Run…
          </Button>
          <Button size="small" onClick={() => setDialog('tag')}>
            Tag…
          </Button>
          <Button size="small" onClick={() => setDialog('push')} disabled={!detail.data}>
            Push…
          </Button>
        </>
      }
    >
      {detail.error && (
        <QueryErrorAlert
          error={detail.error}
          failedTo="inspect the image"
          refreshes="the details refresh"
          testId="image-detail-error"
        />
      )}
      {detail.data && tab === 0 && <Overview detail={detail.data} />}
      {detail.data && tab === 1 && <History detail={detail.data} />}
      {tab === 2 && <LayersTab imageId={imageId} />}
      {detail.data && tab === 3 && <JsonViewer value={detail.data.raw} label="image inspect" />}
      {detail.data && tab === 4 && <ImageContainers detail={detail.data} />}
      <TagDialog imageId={imageId} open={dialog === 'tag'} onClose={() => setDialog(undefined)} />
      {detail.data && dialog === 'push' && (
        <PushDialog tags={detail.data.repoTags} open onClose={() => setDialog(undefined)} />
      )}
    </DetailPanel>
  );
}
