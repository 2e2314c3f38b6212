import HelpOutlineOutlinedIcon from '@mui/icons-material/HelpOutlineOutlined';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';

/** The app's keyboard shortcuts, by where they work. */
export const shortcutGroups: readonly {
  title: string;
  shortcuts: readonly (readonly [keys: string, action: string])[];
}[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      ['?', 'Show this list of shortcuts'],
      [
        'Tab, Shift+Tab',
        'Move to the next or previous control; the first Tab offers Skip to content',
      ],
      ['Esc', 'Leave a full-window pane, then close the pane (or close a dialog or menu)'],
    ],
  },
  {
    title: 'In a table',
    shortcuts: [
      ['↑ ↓, Page Up, Page Down, Home, End', 'Move to another row'],
      ['Space', 'Select the row, or add it to the selection or take it out'],
      ['Shift+↑ ↓', 'Extend the selection'],
      ['Ctrl+A (⌘A)', 'Select every row shown (again: none); rows hidden by a search stay out'],
      ['Enter, ← →', 'Collapse or expand a group'],
      ['Ctrl+click, Shift+click', 'Add a row to the selection, or a range of rows'],
    ],
  },
  {
    title: 'In a table’s header (one Tab stop)',
    shortcuts: [
      ['← →, Home, End', 'Move between select-all, the sortable columns and the column chooser'],
      ['Enter, Space', 'Sort by the column, or reverse the order'],
    ],
  },
  {
    title: 'Between a list and its pane',
    shortcuts: [['↑ ↓, Page Up, Page Down, Home, End', 'On the splitter: resize the pane']],
  },
  {
    title: 'Theme switch',
    shortcuts: [['← →', 'Choose Light, Dark or System']],
  },
];

// A "?" typed there is text, or belongs to the terminal.
const typesText = 'input, textarea, select, [contenteditable="true"], .xterm';

/** Opens the sheet when "?" is pressed outside a text field. */
export function useShortcutSheet(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof Element && event.target.closest(typesText)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return [open, setOpen];
}

/** The app bar's "?" button and the dialog listing the app's keyboard shortcuts; "?" opens it. */
export function ShortcutSheet() {
  const [open, setOpen] = useShortcutSheet();
  return (
    <>
      <Tooltip title="Keyboard shortcuts (?)">
        <IconButton aria-label="Keyboard shortcuts" onClick={() => setOpen(true)}>
          <HelpOutlineOutlinedIcon />
        </IconButton>
      </Tooltip>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth>
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogContent dividers>
          {shortcutGroups.map((group) => (
            <Box key={group.title} component="section" sx={{ mb: 2 }}>
              <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
                {group.title}
              </Typography>
              <Table size="small" aria-label={group.title}>
                <TableBody>
                  {group.shortcuts.map(([keys, action]) => (
                    <TableRow key={keys}>
                      <TableCell component="th" scope="row" sx={{ width: '38%' }}>
                        <Box component="kbd" sx={{ fontFamily: 'monospace', fontSize: 13 }}>
                          {keys}
                        </Box>
                      </TableCell>
                      <TableCell>{action}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          ))}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
