// 通知公告 (bulletin.post, bulletin.withdraw): administrators only; the server writes the `bulletin`
// room, which every signed-in user reads (server/sync/access.ts) and no client may write.
import { BULLETIN_ROOM, mayPost, type Announcement } from '../../src/core/bulletin/model'
import type { CommandRule } from '../commands/ruleContract'

export const bulletinRule: CommandRule = {
  async judge(cmd, actor, ctx) {
    if (cmd.room !== BULLETIN_ROOM) return { refused: { code: 'bad_command' } }
    if (!mayPost(actor.roles)) return { refused: { code: 'forbidden' } }
    if (cmd.type === 'bulletin.withdraw') {
      const id = String(cmd.payload.id)
      const exists = await ctx.readRoom(BULLETIN_ROOM, (doc) => doc.getMap('posts').has(id))
      if (!exists) return { refused: { code: 'not_found' } }
      return { apply: () => ctx.writeRoom(BULLETIN_ROOM, (doc) => doc.getMap('posts').delete(id)) }
    }
    const p = cmd.payload as { title: string; body: string; pinned?: boolean }
    const post: Announcement = { id: ctx.newId(), title: p.title.trim(), body: p.body, by: actor.id, byName: actor.name, at: cmd.at, ...(p.pinned ? { pinned: true } : {}) }
    return { result: { id: post.id }, apply: () => ctx.writeRoom(BULLETIN_ROOM, (doc) => doc.getMap('posts').set(post.id, post)) }
  },
}
