/** A command line that cannot work: reported in one line with exit code 2. */
export class UsageError extends Error {}
