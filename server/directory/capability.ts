// The 通讯录 capability on the server: a unit's 发文 template and 收发员 (unit.template); the
// directory room itself is written at start and on enrolment (directoryRoom.ts).
import type { Capability } from '../commands/ruleContract'
import { templateRule } from './templateRule'

export const directoryCapability: Capability = { name: 'directory', rules: [[['unit.template'], templateRule]] }
