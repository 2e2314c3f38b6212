/**
 * The instruction of an image history entry as it was written, not as the builder recorded
 * it: `/bin/sh -c #(nop)  COPY …` is `COPY …`, `/bin/sh -c make` is `RUN make`, and BuildKit's
 * `RUN /bin/sh -c make # buildkit` is `RUN make`; a copied file's 64-digit hash is cut to 12.
 */
export function readableInstruction(createdBy: string): string {
  const text = createdBy
    .trim()
    .replace(/\s*# buildkit$/, '')
    // The legacy builder names copied content by a hash only it can use.
    .replace(/\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1:$2…');
  if (text.startsWith('/bin/sh -c #(nop)')) return text.slice('/bin/sh -c #(nop)'.length).trim();
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length).trim()}`;
  if (text.startsWith('RUN /bin/sh -c '))
    return `RUN ${text.slice('RUN /bin/sh -c '.length).trim()}`;
  return text;
}
