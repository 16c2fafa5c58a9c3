import { existsSync, readFileSync } from 'node:fs';
import { OproError } from '../core/errors';
import type { CliValues } from './options';

const DEFAULT_CONFIG_FILE = 'opro.config.json';

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Reads `--config FILE` (or ./opro.config.json when present): a JSON object whose keys are the
 * flags in camelCase (`scorerModel`, `maxCalls`, `includeQa`). Returned as flag values, so flags on
 * the command line override it and both go through the same checks.
 */
export function readConfigFile(path: string | undefined, cwd: string): CliValues {
  const file = path ?? `${cwd}/${DEFAULT_CONFIG_FILE}`;
  if (path === undefined && !existsSync(file)) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new OproError('config', `${file}: cannot read the config file (${(err as Error).message}).`, {
      hint: 'Fix the JSON or pass another file with --config.',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OproError('config', `${file}: expected a JSON object of options.`);
  }
  return flagValuesOf(parsed as Record<string, unknown>, file);
}

/** A number as its text; `prices`, an object in a file, as the JSON text `--prices` takes. */
function flagValue(key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    return String(value);
  }
  return key === 'prices' && typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
}

/**
 * Options named in camelCase (a config file, an MCP tool call) as flag values, so both go through
 * the flags' checks. A key is refused: it belongs in the environment, never in a file or a call.
 */
export function flagValuesOf(options: Record<string, unknown>, source: string): CliValues {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'apiKey') {
      throw new OproError('config', `${source}: keep the API key out of config files; set OPENAI_API_KEY instead.`);
    }
    values[kebab(key)] = flagValue(key, value);
  }
  return values as CliValues;
}
