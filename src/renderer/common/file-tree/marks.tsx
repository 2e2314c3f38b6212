import AddCircleOutlined from '@mui/icons-material/AddCircleOutlined';
import ChangeCircleOutlined from '@mui/icons-material/ChangeCircleOutlined';
import RadioButtonUnchecked from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutlined from '@mui/icons-material/RemoveCircleOutlined';
import type { SvgIconProps } from '@mui/material';
import type { ComponentType } from 'react';
import type { TreeMark } from '../../../shared';

/**
 * How each mark looks: an icon of its own shape (readable without colour) and a palette
 * colour, which the theme gives a light and a dark shade.
 */
export const marks: Record<
  TreeMark,
  { label: string; colour: string; Icon: ComponentType<SvgIconProps> | undefined }
> = {
  added: { label: 'added', colour: 'success.main', Icon: AddCircleOutlined },
  modified: { label: 'modified', colour: 'warning.main', Icon: ChangeCircleOutlined },
  removed: { label: 'removed', colour: 'error.main', Icon: RemoveCircleOutlined },
  unmodified: { label: 'unmodified', colour: 'text.secondary', Icon: RadioButtonUnchecked },
  lower: { label: 'unchanged', colour: 'text.disabled', Icon: undefined },
};

export function MarkIcon({ mark }: { mark: TreeMark }) {
  const { Icon, colour, label } = marks[mark];
  if (!Icon) return <span style={{ display: 'inline-block', width: 18 }} aria-label={label} />;
  return <Icon sx={{ fontSize: 18, color: colour }} aria-label={label} />;
}
