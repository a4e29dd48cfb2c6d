// Hands bytes made in the page to the browser as a download (the browser build's "save as").
const TYPES = { pdf: 'application/pdf', ofd: 'application/ofd' } as const

export function download(data: Uint8Array, fileName: string, kind: keyof typeof TYPES): void {
  const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: TYPES[kind] }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // the download has taken its copy once the click's task is done
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
