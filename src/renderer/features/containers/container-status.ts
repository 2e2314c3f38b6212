/** What a container's exit code means, for the codes that say more than "it failed". */
const exitMeanings: Record<string, string> = {
  '137': 'killed after the stop timeout',
  '143': 'stopped by SIGTERM',
};

/** The exit code in "Exited (137) 2 minutes ago", or undefined for any other status. */
export function exitCodeOf(status: string): string | undefined {
  return /^Exited \((\d+)\)/.exec(status)?.[1];
}

/** What an exit code means, for the few that say more than "it failed". */
export function exitMeaning(code: string): string | undefined {
  return exitMeanings[code];
}

/**
 * The engine's status line in the app's words: "Exited (137) Less than a second ago" reads
 * "Exited (137: killed after the stop timeout) less than a second ago". The engine writes
 * its durations capitalised ("About an hour"), as if they began a sentence.
 */
export function readableStatus(status: string): string {
  const exited = /^Exited \((\d+)\) (.*)$/.exec(status);
  if (exited) {
    const [, code = '', when = ''] = exited;
    const meaning = exitMeanings[code];
    return `Exited (${meaning ? `${code}: ${meaning}` : code}) ${lowerFirst(when)}`;
  }
  const up = /^Up (.*)$/.exec(status);
  if (up) return `Up ${lowerFirst(up[1] ?? '')}`;
  return status;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
