// node:util parseArgs with its failures turned into CliErrors in Chinese.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CLI_MESSAGES, CLI_PARSE_MESSAGES } from '../core/messages/cli'
import { CliError } from './CliError'

type Options = NonNullable<ParseArgsConfig['options']>

/** Every command also takes --home. */
export const COMMON_OPTIONS = { home: { type: 'string' } } as const satisfies Options

export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true })
  } catch (err) {
    throw new CliError(describeParseError(err), 2)
  }
}

function describeParseError(err: unknown): string {
  const code = (err as { code?: string }).code
  const message = err instanceof Error ? err.message : String(err)
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? ''
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return CLI_PARSE_MESSAGES.unknownOption(quoted)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return CLI_PARSE_MESSAGES.optionValue(quoted)
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return CLI_PARSE_MESSAGES.unexpectedArgument(quoted)
    default:
      return CLI_MESSAGES.badArguments(message)
  }
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new CliError(CLI_MESSAGES.missingOption(name), 2)
  return value
}

export function requirePositional(positionals: string[], index: number, name: string): string {
  const value = positionals[index]
  if (value === undefined || value === '') throw new CliError(CLI_MESSAGES.missingArgument(name), 2)
  return value
}

export function noExtraPositionals(positionals: string[], expected: number): void {
  const extra = positionals[expected]
  if (extra !== undefined) throw new CliError(CLI_PARSE_MESSAGES.unexpectedArgument(extra), 2)
}
