import { main } from './main';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  // A second Ctrl-C does not wait for the export to stop cleanly.
  if (interrupts > 1) process.exit(130);
  controller.abort(new DOMException('interrupted', 'AbortError'));
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
process.exitCode = code;
