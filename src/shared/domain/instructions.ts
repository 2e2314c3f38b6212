/**
 * The instruction of an image history entry as it was written, not as the builder recorded
 * it: `/bin/sh -c #(nop)  COPY …` is `COPY …`, `/bin/sh -c make` is `RUN make`, and BuildKit's
 * `RUN /bin/sh -c make # buildkit` is `RUN make`; a copied file's 64-digit hash is cut to 12.
 * A RUN that saw build args is recorded with them first (`|1 GREETING=hi /bin/sh -c make`):
 * they are the environment of the step, not what was written, and are left out.
 */
export function readableInstruction(createdBy: string): string {
  const text = createdBy
    .trim()
    .replace(/\s*# buildkit$/, '')
    // The legacy builder names copied content by a hash only it can use.
    .replace(/\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1:$2…');
  if (text.startsWith('/bin/sh -c #(nop)')) return text.slice('/bin/sh -c #(nop)'.length).trim();
  const withArgs = /^(RUN )?\|(\d+) /.exec(text);
  if (withArgs)
    return `RUN ${withoutBuildArgs(text.slice(withArgs[0].length), Number(withArgs[2]))}`;
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length).trim()}`;
  if (text.startsWith('RUN /bin/sh -c '))
    return `RUN ${text.slice('RUN /bin/sh -c '.length).trim()}`;
  return text;
}

/**
 * The command after `count` recorded build args. A value may hold spaces, so the shell's
 * `/bin/sh -c ` marks where the command starts; an exec-form RUN has no shell, and then the
 * args are taken one word each.
 */
function withoutBuildArgs(rest: string, count: number): string {
  const shell = rest.indexOf('/bin/sh -c ');
  if (shell >= 0) return rest.slice(shell + '/bin/sh -c '.length).trim();
  return rest.split(' ').slice(count).join(' ').trim();
}
