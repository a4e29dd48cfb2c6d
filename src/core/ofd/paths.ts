// Where things live in our OFD packages (GB/T 33190-2016 §7): one document, Doc_0.
export const OFD_XML = 'OFD.xml'
export const DOC_DIR = 'Doc_0'
export const DOCUMENT_XML = `${DOC_DIR}/Document.xml`
export const PUBLIC_RES = `${DOC_DIR}/PublicRes.xml`
export const ATTACHMENTS_XML = `${DOC_DIR}/Attachs/Attachments.xml`
export const SIGNATURES_XML = `${DOC_DIR}/Signs/Signatures.xml`
export const SIGNS_DIR = `${DOC_DIR}/Signs/`
export const pageContent = (i: number): string => `${DOC_DIR}/Pages/Page_${i}/Content.xml`
export const attachmentPath = (file: string): string => `${DOC_DIR}/Attachs/${file}`
export const signDir = (i: number): string => `${DOC_DIR}/Signs/Sign_${i}`

/** The 原文 and the PDF a sealed OFD carries as attachments (the seal's data covers both). */
export const CONTENT_ATTACHMENT = 'content.json'
export const PDF_ATTACHMENT = 'document.pdf'

/** A package path as a reference names it: absolute, from the package root. */
export const absolute = (path: string): string => (path.startsWith('/') ? path : `/${path}`)
export const relative = (path: string): string => path.replace(/^\/+/, '')

/** SM3 and SM2-with-SM3, as OFD names its check and signature methods. */
export const OID_SM3 = '1.2.156.10197.1.401'
export const OID_SM2_SM3 = '1.2.156.10197.1.501'
