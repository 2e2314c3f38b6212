/**
 * The instruction of an image history entry as it was written, not as the builder recorded
 * it: `/bin/sh -c #(nop)  COPY …` is `COPY …`, `/bin/sh -c make` is `RUN make`, and BuildKit's
 * `RUN /bin/sh -c make # buildkit` is `RUN make`.
 */
export function readableInstruction(createdBy: string): string {
  const text = createdBy.trim().replace(/\s*# buildkit$/, '');
  if (text.startsWith('/bin/sh -c #(nop)')) return text.slice('/bin/sh -c #(nop)'.length).trim();
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length).trim()}`;
  if (text.startsWith('RUN /bin/sh -c '))
    return `RUN ${text.slice('RUN /bin/sh -c '.length).trim()}`;
  return text;
}
