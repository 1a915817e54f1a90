/** A usage or file problem: the CLI prints `message` as its one stderr line and exits 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
