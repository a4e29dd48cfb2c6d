// `npm run server -- …`: the bundled server (built on first use), run in this process.
import { ensureBuilt } from './bundle.mjs'

await import(await ensureBuilt('server'))
