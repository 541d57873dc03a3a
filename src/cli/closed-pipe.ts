/**
 * `contact-events simulate | head` closes the pipe early: that is the reader's choice, not a failure, so
 * the command ends at once, quietly, with the status it had, as Unix tools do. Any other write error (a
 * full disk, `> /dev/full`) ends the command with one line that says so, and status 1: a stack trace
 * would tell the user nothing more.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`contact-events: cannot write to standard output: ${error.message}\n`);
    process.exit(1);
  });
}
