import { resolve } from 'node:path';
import { nextMetaPrompt } from '../core/engine';
import { OproError } from '../core/errors';
import { EXIT, type CliContext } from './cliContext';
import { evalCommand } from './commands/evaluate';
import { mcpCommand } from './commands/mcp';
import { optimizeCommand, resumeCommand } from './commands/optimize';
import { readConfigFile } from './configFile';
import { intFlag, parseCommandLine, type CliValues } from './options';
import { repeatCommand } from './commands/repeat';
import { USAGE } from './usageText';

async function dispatch(command: string | undefined, positionals: string[], values: CliValues, context: CliContext): Promise<number> {
  switch (command) {
    case 'optimize': {
      const repeats = intFlag(values, 'repeat') ?? 1;
      return repeats > 1 ? repeatCommand(repeats, values, context) : optimizeCommand(values, context);
    }
    case 'eval':
      return evalCommand(values, context);
    case 'mcp':
      return mcpCommand(values, context);
    case 'resume':
    case 'meta-prompt': {
      const file = positionals[0];
      if (file === undefined) {
        throw new OproError('config', `Give the run file: opro ${command} RUN.json`);
      }
      if (command === 'resume') {
        return resumeCommand(file, values, context);
      }
      context.stdout.write(`${await nextMetaPrompt(resolve(context.cwd, file))}\n`);
      return EXIT.ok;
    }
    default:
      throw new OproError('config', command === undefined ? 'Give a command.' : `Unknown command \`${command}\`.`, {
        hint: 'Commands: optimize, eval, resume, meta-prompt, mcp. Run `opro --help`.',
      });
  }
}

/** Runs the CLI; resolves with the exit code. Errors become one or two readable lines, never a stack trace. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.values.help === true || parsed.command === 'help') {
      context.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const values = { ...readConfigFile(parsed.values.config, context.cwd), ...parsed.values };
    return await dispatch(parsed.command, parsed.positionals, values, context);
  } catch (err) {
    return reportError(err, context);
  }
}

function reportError(err: unknown, context: CliContext): number {
  if (err instanceof OproError) {
    if (err.kind === 'cancelled') {
      return EXIT.cancelled;
    }
    const hint = err.hint !== undefined && !err.message.includes(err.hint) ? `\n${err.hint}` : '';
    context.stderr.write(`opro: ${err.message}${hint}\n`);
    return err.kind === 'config' || err.kind === 'dataset' ? EXIT.usage : EXIT.failed;
  }
  context.stderr.write(`opro: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
  return EXIT.failed;
}
