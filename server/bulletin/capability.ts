// The 通知公告 capability on the server.
import { BULLETIN_COMMAND_TYPES } from '../../src/core/bulletin/commands'
import type { Capability } from '../commands/ruleContract'
import { bulletinRule } from './bulletinRule'

export const bulletinCapability: Capability = { name: 'bulletin', rules: [[BULLETIN_COMMAND_TYPES, bulletinRule]] }
