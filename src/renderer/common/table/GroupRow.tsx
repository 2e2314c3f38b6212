import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, Checkbox, Chip, TableCell, TableRow } from '@mui/material';
import { memo } from 'react';

export const cellSx = {
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

/** What a group's header row shows: it heads the rows after it, up to the next header. */
export interface GroupHeading {
  label: string;
  /** The rows in the group, shown or not. */
  count: number;
  collapsed: boolean;
  /** The ids of the group's rows on show: with a selection, the header selects them all. */
  memberIds: readonly string[];
}

interface GroupRowProps {
  heading: GroupHeading;
  domId: string;
  rowIndex: number;
  columnCount: number;
  height: number;
  focused: boolean;
  /** How many of the group's rows on show are selected; undefined without a selection. */
  selectedMembers: number | undefined;
  attributes: Record<string, string> | undefined;
  onToggle(): void;
  onCheck(): void;
}

/** The full-width row heading a group of a DataTable's rows. */
export const GroupRow = memo(function GroupRow(props: GroupRowProps) {
  const { heading, selectedMembers } = props;
  const members = heading.memberIds.length;
  const verb = heading.collapsed ? 'Expand' : 'Collapse';
  return (
    <TableRow
      id={props.domId}
      aria-rowindex={props.rowIndex}
      aria-expanded={!heading.collapsed}
      onClick={props.onToggle}
      sx={{
        height: props.height,
        cursor: 'pointer',
        bgcolor: 'action.hover',
        ...(props.focused && {
          outline: '2px solid',
          outlineColor: 'primary.main',
          outlineOffset: -2,
        }),
      }}
      {...props.attributes}
    >
      <TableCell colSpan={props.columnCount} sx={{ py: 0, ...cellSx }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, fontWeight: 600 }}>
          {selectedMembers !== undefined && (
            <Checkbox
              size="small"
              disabled={members === 0}
              checked={members > 0 && selectedMembers === members}
              indeterminate={selectedMembers > 0 && selectedMembers < members}
              onClick={(event) => event.stopPropagation()}
              onChange={props.onCheck}
              sx={{ ml: -0.5 }}
              // Space on the focused header does this from the keyboard.
              slotProps={{ input: { 'aria-label': `Select ${heading.label}`, tabIndex: -1 } }}
            />
          )}
          {/* Enter, Left and Right on the focused header do this from the keyboard. */}
          <Box
            component="span"
            role="button"
            aria-label={`${verb} ${heading.label}`}
            aria-expanded={!heading.collapsed}
            sx={{ display: 'flex', color: 'text.secondary' }}
          >
            {heading.collapsed ? (
              <ChevronRightIcon fontSize="small" />
            ) : (
              <ExpandMoreIcon fontSize="small" />
            )}
          </Box>
          <Box component="span" sx={cellSx}>
            {heading.label}
          </Box>
          <Chip size="small" label={heading.count} aria-label={`${heading.count} rows`} />
          {!!selectedMembers && (
            <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
              {selectedMembers} selected
            </Box>
          )}
        </Box>
      </TableCell>
    </TableRow>
  );
});
