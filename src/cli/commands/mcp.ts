import { OproError } from '../../core/errors';
import type { CliContext } from '../cliContext';
import { serveMcp } from '../mcp/mcpServer';
import type { CliValues } from '../options';

/** `opro mcp [options]`: an MCP server on stdio; its flags (and opro.config.json) are the tools' defaults. */
export async function mcpCommand(values: CliValues, context: CliContext): Promise<number> {
  if (context.io === undefined) {
    throw new OproError('config', '`opro mcp` needs the process stdin and stdout.');
  }
  return serveMcp(values, context, context.io);
}
