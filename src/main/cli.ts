import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { UsageError } from './commands/usage-error';

const mainHelp = `Usage: stowage <command> [options]

Stowage manages the local Docker engine, shows inside image layers and simulates Amazon ECS.

Commands:
  web        Serve the Stowage UI to your browser on this machine
  layers     Show what each layer of an image adds, changes and removes, and what it wastes
  ecs        Serve the simulated Amazon ECS API for the AWS SDKs and CLI (no UI)

Options:
  -h, --help     Show help (also: stowage <command> --help)
  -v, --version  Show the version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(mainHelp);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  // Each command loads only its own modules: `stowage layers` asks the engine for the export
  // before anything else, and the engine's first byte is what it waits for.
  if (command === 'web') {
    // Beside this entry in the build; the command itself may land in a chunk elsewhere.
    const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
    return (await import('./commands/web')).webCommand(rest, rendererDir);
  }
  if (command === 'layers') return (await import('./commands/layers')).layersCommand(rest);
  if (command === 'ecs') return (await import('./commands/ecs')).ecsCommand(rest);
  throw new UsageError(`Unknown command "${command}". Run "stowage --help" for the commands.`);
}

/** Exits once what was written has left: a pipe takes it asynchronously and exit would cut it. */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`stowage: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWhenFlushed(usage ? 2 : 1);
});
