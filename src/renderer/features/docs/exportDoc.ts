// 导出 PDF / 导出 OFD from the desk, in both builds. A sealed 公文 exports the rendition its seals
// cover (written by the server at 用印 and kept in the room), never a new one, as
// `zt doc export` does; an unsealed one is laid out here from the same page model the screen shows.
import type { BridgeArg, BridgeResult } from '../../../core/bridge/contract'
import { sealDataHash, type DocView, type Rendition } from '../../../core/docflow'
import { layoutDocument, type FontFace, type PageModel } from '../../../core/layout'
import { PDF_ATTACHMENT, attachmentPath, documentOfd, drawnText, sealOfd, unzipEntries } from '../../../core/ofd'
import { fromBase64 } from '../../../core/pki/der'
import { UI } from '../../../core/messages/ui'
import { host } from '../../platform/host'
import type { SyncEngine } from '../../sync/SyncEngine'
import type { AppliedSeal } from '../seals/SealPanel'

export interface ExportSource {
  engine: SyncEngine
  room: string
  view: DocView
  rendition: Rendition
  /** the page model on screen (with the seals drawn) */
  pages: PageModel
  applied: AppliedSeal[]
}

type Saved = BridgeResult<'file.save'>

class ExportRefused extends Error {}

const fileName = (src: ExportSource, ext: string): string => `${src.view.content.meta.title || UI.docs.untitled}.${ext}`

/** The unsigned OFD stored at 用印, or null for seals applied before renditions were kept. */
async function storedRendition(src: ExportSource): Promise<Uint8Array | null> {
  const ofd = src.applied[0]?.rendition
  if (!ofd || src.applied.some((a) => !a.sealData)) return null
  try {
    return await src.engine.blob(src.room, { sm3: ofd, name: fileName(src, 'ofd'), size: 0 })
  } catch {
    throw new ExportRefused(navigator.onLine ? UI.files.corrupt : UI.page.renditionOffline)
  }
}

const sealed = (src: ExportSource): boolean => src.view.state.kind !== 'sealrequest' && src.applied.length > 0

function refusal(err: unknown): Saved {
  return { saved: false, error: err instanceof Error ? err.message : String(err) }
}

export async function exportPdf(src: ExportSource): Promise<Saved> {
  try {
    const stored = sealed(src) ? await storedRendition(src) : null
    if (stored) {
      const pdf = unzipEntries(stored)?.find(([path]) => path === attachmentPath(PDF_ATTACHMENT))?.[1]
      if (!pdf) throw new ExportRefused(UI.files.corrupt)
      return await host['file.save']({ data: pdf as Uint8Array<ArrayBuffer>, fileName: fileName(src, 'pdf'), kind: 'pdf' })
    }
    const { view } = src
    const hash = src.applied.length ? (view.original?.contentHash ?? sealDataHash(view)) : undefined
    const signed = view.original?.issueDate ? `${view.original.issueDate}T00:00:00+08:00` : (view.state.signoffs.at(-1)?.at ?? view.ctx.createdAt)
    return await host['pdf.save']({ model: src.pages as BridgeArg<'pdf.save'>['model'], fileName: fileName(src, 'pdf'), date: new Date(signed).toISOString(), ...(hash ? { contentHash: hash } : {}) })
  } catch (err) {
    return refusal(err)
  }
}

export async function exportOfd(src: ExportSource): Promise<Saved> {
  try {
    let bytes: Uint8Array
    if (sealed(src)) {
      const stored = await storedRendition(src)
      if (!stored) throw new ExportRefused(UI.page.sealedBeforeRendition)
      bytes = sealOfd(stored, src.applied.map((a) => ({ sealData: fromBase64(a.sealData!), ses: fromBase64(a.der) })))
    } else {
      // the faces documentOfd draws (its own layout of the rendition), so only those fonts are fetched
      const faces = Object.keys(drawnText(layoutDocument(src.rendition))) as FontFace[]
      const { pageFontEmbedder } = await import('../../platform/ofdFonts')
      const embed = await pageFontEmbedder(faces)
      bytes = documentOfd({ rendition: src.rendition, room: src.room, createdAt: src.view.ctx.createdAt, request: src.view.state.kind === 'sealrequest', embed })
    }
    return await host['file.save']({ data: bytes as Uint8Array<ArrayBuffer>, fileName: fileName(src, 'ofd'), kind: 'ofd' })
  } catch (err) {
    return refusal(err)
  }
}
