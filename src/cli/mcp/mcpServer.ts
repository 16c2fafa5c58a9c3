import type { Readable, Writable } from 'node:stream';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { version } from '../../../package.json';
import { EXIT, type CliContext } from '../cliContext';
import type { CliValues } from '../options';
import { callTool, type ToolResult } from './toolCalls';
import { TOOLS, type ToolName } from './toolSchemas';

/** The streams the server speaks MCP on (the process' stdin and stdout). */
export interface McpIo {
  stdin: Readable;
  stdout: Writable;
}

const INSTRUCTIONS =
  'OPRO prompt optimization. `evaluate` scores prompts on a dataset of inputs and expected answers; `optimize` searches for a better prompt (it spends many model calls: about steps × candidates × rows); `resume` continues a saved run; `show-run` reads one without calling a model. Scores are accuracies in [0, 1] with 95% intervals: on a small dataset a few points of difference are noise.';

/** Validates a call's arguments against the tool's input schema; the message names what is wrong. */
function argumentCheckers(): Map<string, (args: unknown) => string | undefined> {
  const ajv = new AjvJsonSchemaValidator();
  return new Map(
    TOOLS.map((tool) => {
      const validate = ajv.getValidator(tool.inputSchema as never);
      return [tool.name, (args: unknown) => validate(args).errorMessage];
    }),
  );
}

/**
 * `opro mcp`: serves the optimize, evaluate, resume and show-run tools over stdio until the client
 * closes stdin (or SIGINT). Calls in flight are then cancelled: their runs save what finished and
 * can be resumed. Never writes anything but protocol messages to stdout; notes go to stderr.
 */
export async function serveMcp(defaults: CliValues, context: CliContext, io: McpIo): Promise<number> {
  const server = new Server({ name: 'opro', title: 'OPRO prompt optimizer', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const checkers = argumentCheckers();
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const { name, arguments: args = {} } = request.params;
    const check = checkers.get(name);
    if (check === undefined) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool \`${name}\`; the tools are ${TOOLS.map((t) => t.name).join(', ')}.`);
    }
    const problem = check(args);
    if (problem !== undefined) {
      return { content: [{ type: 'text', text: `opro: invalid arguments for ${name}: ${problem}` }], isError: true } satisfies ToolResult;
    }
    const token = request.params._meta?.progressToken;
    const signal = AbortSignal.any([extra.signal, shutdown.signal]);
    const call = callTool(name as ToolName, args, {
      defaults,
      cli: { cwd: context.cwd, env: context.env, stdout: context.stderr, stderr: context.stderr, signal },
      progress: (progress, total, message) => {
        if (token !== undefined) {
          const params = { progressToken: token, progress, ...(total === undefined ? {} : { total }), message };
          void extra.sendNotification({ method: 'notifications/progress', params }).catch(() => undefined);
        }
      },
    });
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
    return call;
  });
  await server.connect(new StdioServerTransport(io.stdin, io.stdout));
  context.stderr.write(`opro mcp ${version}: serving ${TOOLS.map((t) => t.name).join(', ')} on stdio (working folder ${context.cwd})\n`);
  await untilClosed(io.stdin, context.signal);
  shutdown.abort();
  await Promise.allSettled([...inFlight]);
  await server.close();
  return EXIT.ok;
}

function untilClosed(stdin: Readable, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
