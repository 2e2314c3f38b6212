import { describe, expect, it } from 'vitest';
import { emptyRunSpec } from '../../../shared';
import {
  checkForm,
  dockerRunCommand,
  emptyRunForm,
  formFromSpec,
  parseEnvFile,
  parseMemory,
  splitCommandLine,
  type RunForm,
} from './run-form';

const form = (overrides: Partial<RunForm>): RunForm => ({
  ...emptyRunForm,
  image: 'stowage-test/layered:1.0',
  ...overrides,
});

describe('the run form', () => {
  it('splits command lines as a shell does, and says when a quote is open', () => {
    expect(splitCommandLine(`sh -c 'echo "hi there"; exit 0' a\\ b ""`)).toEqual([
      'sh',
      '-c',
      'echo "hi there"; exit 0',
      'a b',
      '',
    ]);
    expect(splitCommandLine(`echo "open`)).toBeUndefined();
    expect(checkForm(form({ cmd: `echo 'open` })).errors.get('cmd')).toMatch(/quote/);
  });

  it('reads memory sizes and .env text', () => {
    expect(parseMemory('512m')).toBe(512 * 1024 * 1024);
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(parseMemory('lots')).toBeUndefined();
    expect(parseEnvFile('# comment\nA=1\nexport B="two words"\n\nC\n')).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' },
      { name: 'C', value: '' },
    ]);
  });

  it('sends nothing while a field is invalid, with a message at each field', () => {
    const check = checkForm(
      form({
        image: '',
        name: '-bad',
        ports: [
          { containerPort: '70000', hostPort: '8080', hostIp: '', protocol: 'tcp' },
          { containerPort: '80', hostPort: '8080', hostIp: '', protocol: 'tcp' },
          { containerPort: '81', hostPort: 'abc', hostIp: '1.2.3', protocol: 'tcp' },
          { containerPort: '90-92', hostPort: '9000-9001', hostIp: '', protocol: 'udp' },
        ],
        volumes: [{ source: 'relative/path', target: 'data', readOnly: false }],
        cpus: 'x',
        memory: '1m',
        env: [{ name: 'A B', value: '' }],
      }),
    );
    expect(check.spec).toBeUndefined();
    expect([...check.errors.keys()].sort()).toEqual(
      [
        'cpus',
        'env.0.name',
        'image',
        'memoryBytes',
        'name',
        'ports.0.containerPort',
        'ports.1.hostPort',
        'ports.2.hostIp',
        'ports.2.hostPort',
        'ports.3.hostPort',
        'volumes.0.source',
        'volumes.0.target',
      ].sort(),
    );
    expect(check.errors.get('ports.1.hostPort')).toMatch(/8080\/tcp is already used by mapping 1/);
  });

  it('gives the spec and the docker run line of a valid form', () => {
    const valid = form({
      name: 'web',
      cmd: `/bin/httpd -f -p 8080 -h '/srv'`,
      env: [{ name: 'GREETING', value: 'hello world' }],
      ports: [{ containerPort: '8080', hostPort: '18080', hostIp: '127.0.0.1', protocol: 'tcp' }],
      volumes: [{ source: '/tmp', target: '/data', readOnly: true }],
      restartPolicy: 'on-failure',
      maxRetries: '3',
      cpus: '0.5',
      memory: '64m',
      tty: true,
      interactive: true,
    });
    const check = checkForm(valid);
    expect(check.errors.size).toBe(0);
    expect(check.spec).toMatchObject({
      cmd: ['/bin/httpd', '-f', '-p', '8080', '-h', '/srv'],
      memoryBytes: 64 * 1024 * 1024,
      cpus: 0.5,
      maxRetries: 3,
    });
    expect(dockerRunCommand(valid)).toBe(
      "docker run -d -i -t --name web -e 'GREETING=hello world' -p 127.0.0.1:18080:8080 " +
        '-v /tmp:/data:ro --restart on-failure:3 --cpus 0.5 --memory 64m ' +
        'stowage-test/layered:1.0 /bin/httpd -f -p 8080 -h /srv',
    );
  });

  it('fills itself from a spec (Duplicate) and gives the same spec back', () => {
    const spec = {
      ...emptyRunSpec,
      image: 'busybox',
      cmd: ['sh', '-c', "echo 'hi'"],
      memoryBytes: 128 * 1024 * 1024,
      cpus: 1.5,
    };
    expect(checkForm(formFromSpec(spec)).spec).toEqual(spec);
  });
});
