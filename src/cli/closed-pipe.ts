/**
 * `contact-events simulate | head` closes the pipe early: that is the reader's choice, not a failure, so
 * the command ends at once, quietly, with the status it had, as Unix tools do. Any other write error is
 * thrown, as Node does with an unhandled one.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
