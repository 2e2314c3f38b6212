import { describe, expect, it } from 'vitest';
import { readableInstruction } from './instructions';

describe('readable instructions', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD ["sh"]'],
    ['/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', 'COPY file:abc in /bin/busybox'],
    ['/bin/sh -c apk add curl', 'RUN apk add curl'],
    ['RUN /bin/sh -c make install # buildkit', 'RUN make install'],
    ['COPY . /app # buildkit', 'COPY . /app'],
    ['|1 GREETING=hello-class /bin/sh -c echo "$GREETING" > /g', 'RUN echo "$GREETING" > /g'],
    ['RUN |2 A=1 B=two words /bin/sh -c make A=$A # buildkit', 'RUN make A=$A'],
    ['RUN |1 A=1 /app/setup --fast # buildkit', 'RUN /app/setup --fast'],
    ['/bin/busybox --install -s /bin', '/bin/busybox --install -s /bin'],
    [
      `/bin/sh -c #(nop) COPY dir:${'6c8dbf00d73d'.padEnd(64, 'a')} in / `,
      'COPY dir:6c8dbf00d73d… in /',
    ],
  ])('%s reads as %s', (createdBy, readable) =>
    expect(readableInstruction(createdBy)).toBe(readable),
  );
});
