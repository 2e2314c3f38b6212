import { describe, expect, it } from 'vitest';
import { emptyBuildForm, readBuildForm } from './build-form';

describe('the build form', () => {
  it('reads tags, build args and the target into the build input', () => {
    const read = readBuildForm({
      ...emptyBuildForm,
      context: ' /home/me/app ',
      tags: 'app:1, localhost:5000/app:1  app:latest',
      buildArgs: 'GREETING=hello = world\nEMPTY\n\n',
      target: 'final',
    });
    expect(read.input).toEqual({
      context: '/home/me/app',
      dockerfile: 'Dockerfile',
      tags: ['app:1', 'localhost:5000/app:1', 'app:latest'],
      buildArgs: { GREETING: 'hello = world', EMPTY: '' },
      noCache: false,
      target: 'final',
    });
  });

  it('names the field of each problem', () => {
    expect(readBuildForm(emptyBuildForm).errors).toEqual({ context: 'Give the folder to build.' });
    expect(
      readBuildForm({
        ...emptyBuildForm,
        context: 'app',
        dockerfile: '../Dockerfile',
        tags: 'ok:1 Bad:Tag',
        buildArgs: '=x',
      }).errors,
    ).toEqual({
      context: 'Give the folder as an absolute path, such as /home/me/app.',
      dockerfile: 'The Dockerfile must be inside the folder: give a path relative to it.',
      tags: expect.stringMatching(/^Bad:Tag: Not an image reference/),
      buildArgs: 'Line 1: give NAME=value.',
    });
    expect(readBuildForm({ ...emptyBuildForm, context: '/a', buildArgs: '1BAD=x' }).errors).toEqual(
      { buildArgs: 'A build argument name is letters, digits and _.' },
    );
  });
});
