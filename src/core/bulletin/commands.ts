// 通知公告: an administrator posts or withdraws an announcement with a signed command; the server
// writes it into the `bulletin` room, which every signed-in user reads and nobody else writes.
import * as z from 'zod'
import { said, text } from '../command/fields'

export const BULLETIN_COMMANDS = {
  'bulletin.post': z.strictObject({ title: said(100), body: text(4000), pinned: z.boolean().optional() }),
  'bulletin.withdraw': z.strictObject({ id: text(64).min(1) }),
}

export const BULLETIN_COMMAND_TYPES = Object.keys(BULLETIN_COMMANDS)
