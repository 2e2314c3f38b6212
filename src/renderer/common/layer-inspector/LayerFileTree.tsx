import { FormControlLabel, Switch } from '@mui/material';
import { useCallback, useState } from 'react';
import type { TreeMark } from '../../../shared';
import { useStowageClient } from '../../api';
import { FileTree } from '../file-tree/FileTree';
import type { FileTreeLoader } from '../file-tree/tree-pages';

const ownMarks: TreeMark[] = ['added', 'modified', 'removed', 'unmodified'];
const aggregatedMarks: TreeMark[] = [...ownMarks, 'lower'];

/**
 * The chosen layer's files, each marked by what the layer did to it, read from the analysis
 * a directory at a time. The aggregated view is the whole stacked filesystem up to the layer,
 * what the layer left alone greyed.
 */
export function LayerFileTree({ image, layer }: { image: string; layer: number }) {
  const [aggregated, setAggregated] = useState(false);
  const client = useStowageClient();
  const load = useCallback<FileTreeLoader>(
    (query, signal) =>
      client.call(
        'layers.tree',
        { image, layer, aggregated, ...query, marks: [...query.marks] },
        { signal },
      ),
    [client, image, layer, aggregated],
  );
  return (
    <FileTree
      sourceKey={`${image} ${layer} ${aggregated}`}
      load={load}
      available={aggregated ? aggregatedMarks : ownMarks}
      label="Files of the layer"
      emptyText="This layer changes no files (it only sets metadata)."
      toolbar={
        <FormControlLabel
          control={
            <Switch size="small" checked={aggregated} onChange={(_e, on) => setAggregated(on)} />
          }
          label="Aggregated"
          title="The whole filesystem up to this layer"
        />
      }
    />
  );
}
