/** The frame every step picture draws its parts in. */
export const pictureBoxSx = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  px: 2,
  py: 1.5,
  bgcolor: 'background.paper',
} as const;
