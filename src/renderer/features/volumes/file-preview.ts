/** The most of a file the preview reads and shows. */
export const previewBytes = 256 * 1024;

export type PreviewText = { kind: 'text'; text: string } | { kind: 'binary' };

/** The bytes of a file from base64. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let index = 0; index < raw.length; index += 1) bytes[index] = raw.charCodeAt(index);
  return bytes;
}

/**
 * The bytes as text when they are UTF-8 with no NUL; otherwise binary, which is not shown.
 * A preview cut short may end inside a character: `truncated` allows an incomplete last one.
 */
export function previewText(bytes: Uint8Array, truncated: boolean): PreviewText {
  if (bytes.includes(0)) return { kind: 'binary' };
  // A cut can fall inside the last character (at most 3 bytes of it).
  for (let drop = 0; drop <= (truncated ? 3 : 0); drop += 1) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(0, bytes.length - drop),
      );
      return { kind: 'text', text };
    } catch {
      // Not UTF-8 at this length: try a shorter one, or say binary.
    }
  }
  return { kind: 'binary' };
}
