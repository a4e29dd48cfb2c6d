import type { PackContext } from './electronFuses.mjs'
export default function afterPack(context: PackContext): Promise<void>
