// One test user's CLI, run in a worker thread of the test process: `run(argv, io)` from the bundle
// `npm run zt` uses, called as main.mjs calls it, without starting a Node process per command.
// The test's thread waits on `signal` (Atomics), so a call stays synchronous for the test.
import { workerData } from 'node:worker_threads'

const { runFile, port, signal } = workerData
const { run } = await import(runFile)
const flag = new Int32Array(signal)

port.on('message', async ({ argv, env }) => {
  let stdout = ''
  let stderr = ''
  let status = 1
  try {
    status = await run(argv, {
      env,
      out: (text) => (stdout += text + '\n'),
      err: (text) => (stderr += text + '\n'),
      now: () => new Date(),
    })
  } catch (err) {
    stderr += String(err?.stack ?? err) + '\n'
  }
  port.postMessage({ status, stdout, stderr })
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)
})
