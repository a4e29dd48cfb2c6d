// `npm run server -- …`: the bundled server (built on first use), run in this process.
import { setFlagsFromString } from 'node:v8'
import { ensureBuilt } from './bundle.mjs'

// Loading the modules and seeding keep many objects alive, and V8 answers by growing the young
// generation to 16 MiB, which an idle server then holds for good (a third of its memory at start).
// It stays at its first size until the server listens; server/main.ts lets it grow from then on.
setFlagsFromString('--semi-space-growth-factor=1')

await import(await ensureBuilt('server'))
