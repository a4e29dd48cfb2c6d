// An error the CLI reports to its user as one Chinese line, with the exit code to leave with
// (1 for a failed operation, 2 for a command line that could not be understood).
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}
