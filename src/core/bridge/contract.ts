// The one typed bridge between the renderer and its host (ARCHITECTURE.md §4, STYLE.md "One typed
// bridge"). Every `window.zt` method is listed here with zod schemas for its argument and result.
// The Electron preload exposes each on its own fixed channel `zt:<name>`; main validates the
// argument before anything runs; the browser build implements the same interface in the page.
import * as z from 'zod'
import { commandSchema } from '../command/envelope'

const userIdArg = z.object({ userId: z.string().min(1).max(64) })
const pinSchema = z.string().regex(/^\d{6,12}$/)

export const ZT_CHANNEL_PREFIX = 'zt:'

/** The scheme of links that open the desktop app (registered with the OS by the installer). */
export const DEEP_LINK_SCHEME = 'zhengtong'
export const DEEP_LINK_MAX_LENGTH = 2048
const deepLinkSchema = z.string().max(DEEP_LINK_MAX_LENGTH).startsWith(`${DEEP_LINK_SCHEME}:`)

// a page model as the renderer sends it for printing: bounded in every dimension
const mm = z.number().finite().min(-1000).max(1000)
const faceSchema = z.enum(['xiaobiaosong', 'fangsong', 'kaiti', 'heiti', 'songti'])
const boxSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), x: mm, baseline: mm, text: z.string().max(2000), face: faceSchema, size: z.number().min(1).max(200), advance: mm, color: z.enum(['black', 'red']) }),
  z.object({ kind: z.literal('rule'), x: mm, y: mm, width: mm, thickness: mm, color: z.enum(['black', 'red']) }),
  z.object({ kind: z.literal('image'), cx: mm, cy: mm, width: mm, height: mm, svg: z.string().max(200_000).optional(), png: z.instanceof(Uint8Array).optional() }),
])
const pageModelSchema = z.object({
  width: mm, height: mm, title: z.string().max(500),
  pages: z.array(z.object({ number: z.number().int().optional(), boxes: z.array(boxSchema).max(20_000) })).max(500),
})

export const bridgeContract = {
  'app.info': {
    arg: z.undefined(),
    result: z.object({
      version: z.string(),
      host: z.enum(['desktop', 'browser']),
      platform: z.string(),
    }),
  },
  'config.getServerUrl': {
    arg: z.undefined(),
    result: z.string(),
  },
  /**
   * Sets the server (desktop). The desktop accepts https, and plain http only on loopback; a
   * refusal carries the Chinese reason. When the server changes, the desktop reloads the window
   * (`reloading`), because the page's CSP admits only the server it was loaded for.
   */
  'config.setServerUrl': {
    arg: z.string().max(500),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), reloading: z.boolean() }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
  /**
   * Waits for the next `zhengtong://` link the OS hands to the desktop app (clicked in a browser
   * or a mail) and answers it; links that came before anyone asked are kept and answered in
   * order. Call it again after each answer, from one place in the page. The link is untrusted
   * input: route by it, never act on it without the user. The browser build never answers.
   */
  'app.nextDeepLink': {
    arg: z.undefined(),
    result: z.object({ url: deepLinkSchema }),
  },
  'notify.show': {
    arg: z.object({ title: z.string().max(200), body: z.string().max(1000) }),
    result: z.undefined(),
  },
  // The user's signing key (ARCHITECTURE.md §3.5). The desktop keeps it in main under the OS key
  // store and needs no PIN; the browser build keeps it PIN-wrapped in IndexedDB. Neither hands
  // the private key to the page: the page asks for a command to be signed.
  'keys.state': {
    arg: userIdArg,
    result: z.object({
      state: z.enum(['none', 'locked', 'unlocked']),
      /** the browser build asks for a PIN to create and to unlock the key */
      usesPin: z.boolean(),
      publicKey: z.string().optional(),
    }),
  },
  'keys.create': {
    arg: z.object({ userId: z.string().min(1).max(64), pin: pinSchema.optional() }),
    result: z.object({ publicKey: z.string() }),
  },
  'keys.unlock': {
    arg: z.object({ userId: z.string().min(1).max(64), pin: pinSchema }),
    /** false: wrong PIN (nothing unlocked) */
    result: z.object({ ok: z.boolean() }),
  },
  'keys.lock': {
    arg: userIdArg,
    result: z.undefined(),
  },
  'keys.sign': {
    /** the command as the actor wants it; refused unless its actor holds the unlocked key */
    arg: commandSchema.omit({ sig: true }),
    result: commandSchema,
  },
  /**
   * Save a page model (src/core/layout) as a PDF: the desktop writes it in main with the fonts on
   * its disk, behind a save dialog; the browser build draws it in the page with the fonts its
   * server found (`fonts.data`) and downloads it.
   */
  'pdf.save': {
    arg: z.object({ model: pageModelSchema, fileName: z.string().min(1).max(200), date: z.string().datetime(), contentHash: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
    result: z.object({ saved: z.boolean(), path: z.string().optional(), error: z.string().optional() }),
  },
  /** Save bytes made in the page (an OFD, a sealed rendition's PDF): a save dialog, or a download. */
  'file.save': {
    arg: z.object({ data: z.instanceof(Uint8Array).refine((d) => d.length <= 200 * 1024 * 1024), fileName: z.string().min(1).max(200), kind: z.enum(['pdf', 'ofd']) }),
    result: z.object({ saved: z.boolean(), path: z.string().optional(), error: z.string().optional() }),
  },
  /**
   * Which font stands for each GB/T 9704 face where the PDF is written (the desktop's disk, or the
   * browser build's server), so the page view draws with the same ones; `error` when a face has none.
   */
  'fonts.choice': {
    arg: z.undefined(),
    result: z.object({
      faces: z.record(faceSchema, z.object({ label: z.string(), fallback: z.boolean(), postscriptName: z.string().optional() })).optional(),
      error: z.string().optional(),
    }),
  },
  /** The font program of one face (what `fonts.choice` named). */
  'fonts.data': {
    arg: z.object({ face: faceSchema }),
    result: z.instanceof(Uint8Array),
  },
  /** Print the page as it is laid out for print (the 版式 sheets at A4): Electron's print dialog, or the browser's. */
  'page.print': {
    arg: z.undefined(),
    result: z.object({ printed: z.boolean(), error: z.string().optional() }),
  },
  /** 用印: an SES_Signature built by the key holder from a real seal and the key's own certificate */
  'keys.sealSign': {
    arg: z.object({
      userId: z.string().min(1).max(64),
      sealDer: z.string().max(400_000),
      certDer: z.string().max(8000),
      timeInfo: z.string().datetime(),
      dataHash: z.string().regex(/^[0-9a-f]{64}$/),
      propertyInfo: z.string().regex(/^[\x20-\x7e]{1,200}$/),
    }),
    result: z.object({ der: z.string() }),
  },
} as const

export type BridgeContract = typeof bridgeContract
export type BridgeMethod = keyof BridgeContract
export type BridgeArg<M extends BridgeMethod> = z.infer<BridgeContract[M]['arg']>
export type BridgeResult<M extends BridgeMethod> = z.infer<BridgeContract[M]['result']>

/** `window.zt`: one async function per contract method, named by its dotted name. */
export type ZtApi = {
  [M in BridgeMethod]: BridgeArg<M> extends undefined ? () => Promise<BridgeResult<M>> : (arg: BridgeArg<M>) => Promise<BridgeResult<M>>
}

export const BRIDGE_METHODS = Object.keys(bridgeContract) as BridgeMethod[]

export function channelOf(method: BridgeMethod): string {
  return ZT_CHANNEL_PREFIX + method
}
