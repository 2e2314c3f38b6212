import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { Button } from '@mui/material';
import { useState } from 'react';
import { ExportDialog } from './ExportDialog';

/** Opens the export of the cluster to AWS (and the import of an export into it). */
export function ExportButton({ cluster }: { cluster: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" startIcon={<CloudUploadIcon />} onClick={() => setOpen(true)}>
        Export to AWS…
      </Button>
      <ExportDialog cluster={cluster} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
