/** The outlined box every step picture draws its parts in. */
export const boxSx = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  px: 2,
  py: 1.5,
  bgcolor: 'background.paper',
} as const;

/** `abc123…` from a task's ARN: enough to tell tasks apart on a picture. */
export const shortTaskId = (taskArn: string): string =>
  taskArn.slice(taskArn.lastIndexOf('/') + 1).slice(0, 8);
