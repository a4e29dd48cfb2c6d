// Entry point of `npm run zt -- …` (bundled by scripts/bundle.mjs): wires the command line to the process.
import { run } from './run'

const code = await run(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
  now: () => new Date(),
})
// exit at once: an idle keep-alive socket of the HTTP agent would otherwise hold the process open
process.stdout.write('', () => process.exit(code))
