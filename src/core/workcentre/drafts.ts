// 草稿箱: 公文 the user created that have not entered the flow yet (no step taken, so no inbox
// item). A draft returned to its drafter is back in 待办, not here.
export interface DraftSource {
  room: string
  kind: string
  owner: string
  title: string
  docType: string
  updatedAt: string
}

export function drafts<T extends DraftSource>(rows: readonly T[], user: string, inboxRooms: ReadonlySet<string>): T[] {
  return rows.filter((r) => r.kind === 'doc' && r.owner === user && !inboxRooms.has(r.room)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}
