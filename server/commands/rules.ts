// The registry: the rule of each command type, joined from the capabilities' homes
// (server/<capability>/capability.ts), with the hooks each adds to the 公文 flow's steps.
// A type claimed twice stops the server at start.
import type { Capability, CommandRule } from './ruleContract'
import { archiveCapability } from '../archive/capability'
import { bulletinCapability } from '../bulletin/capability'
import { directoryCapability } from '../directory/capability'
import { docflowCapability } from '../docflow/capability'
import { meetingCapability } from '../meeting/capability'
import { sealCapability } from '../seal/capability'

/** Joins rules by command type; a type named by two rules is a programming error, caught at start. */
export function joinRules(...groups: ReadonlyArray<readonly [readonly string[], CommandRule]>): Readonly<Record<string, CommandRule>> {
  const joined: Record<string, CommandRule> = {}
  for (const [types, rule] of groups) {
    for (const type of types) {
      if (type in joined) throw new Error(`command type ${type} has two rules`)
      joined[type] = rule
    }
  }
  return joined
}

/** Joins capabilities: the flow hears every other capability's hooks, in this order. */
export function joinCapabilities(others: readonly Capability[]): Readonly<Record<string, CommandRule>> {
  const all = [docflowCapability(others.flatMap((c) => (c.hooks ? [c.hooks] : []))), ...others]
  return joinRules(...all.flatMap((c) => c.rules))
}

/** seal before archive: a step's seal is verified and logged before anything else hears of it */
export const CAPABILITIES: readonly Capability[] = [sealCapability, archiveCapability, meetingCapability, directoryCapability, bulletinCapability]

export const COMMAND_RULES = joinCapabilities(CAPABILITIES)
