#!/usr/bin/env node
// `npm run zt -- …`: the bundled CLI (built on first use), run in this process.
import { ensureBuilt } from './bundle.mjs'

await import(await ensureBuilt('zt'))
