const digestPrefix = /^sha256:/;

/** The 12 hex characters `docker images` shows for an id. */
export function shortImageId(id: string): string {
  return id.replace(digestPrefix, '').slice(0, 12);
}
