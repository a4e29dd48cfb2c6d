// The few web-standard globals that every host of src/core has (browsers, Node, Electron,
// workers). Core's tsconfig carries no DOM or Node types, so they are declared here, narrowly.
declare class TextEncoder {
  encode(input?: string): Uint8Array
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean })
  decode(input?: Uint8Array): string
}
