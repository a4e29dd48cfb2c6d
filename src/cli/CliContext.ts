// What a command needs from its process, passed in so commands run the same under tests.
export interface CliContext {
  readonly env: NodeJS.ProcessEnv
  /** writes one line (or block) to standard output */
  out(text: string): void
  now(): Date
}
