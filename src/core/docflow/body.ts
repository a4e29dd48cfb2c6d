// The `body` root is a Y.XmlFragment in TipTap/ProseMirror's shape: block elements (paragraph,
// heading…) holding Y.XmlText. These helpers let headless clients (CLI, server, tests) write and
// read plain text in the same shape the editor uses.
import * as Y from 'yjs'

/** Appends each non-empty line of `text` as a paragraph. */
export function appendParagraphs(body: Y.XmlFragment, text: string): void {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '')
  const paragraphs = lines.map((line) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(line)])
    return p
  })
  body.insert(body.length, paragraphs)
}

/** The body as plain text, one line per block. */
export function bodyText(body: Y.XmlFragment): string {
  const lines: string[] = []
  for (const node of body.toArray()) lines.push(blockText(node))
  return lines.join('\n')
}

function blockText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '')
  if (node instanceof Y.XmlElement) {
    const parts = node.toArray().map(blockText)
    // lists and other containers hold blocks: keep their lines apart
    const isContainer = node.toArray().some((c) => c instanceof Y.XmlElement)
    return parts.join(isContainer ? '\n' : '')
  }
  return ''
}
