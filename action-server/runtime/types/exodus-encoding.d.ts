// @exodus/bytes' own declarations pull in @types/node (and type its classes as the global ones),
// which the isolate's project must not see: the two classes the runtime takes, per the Encoding
// Standard.
export interface TextDecodeOptions {
  stream?: boolean
}
export interface TextDecoderOptions {
  fatal?: boolean
  ignoreBOM?: boolean
}
export declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions)
  readonly encoding: string
  readonly fatal: boolean
  readonly ignoreBOM: boolean
  decode(input?: ArrayBuffer | ArrayBufferView, options?: TextDecodeOptions): string
}
export declare class TextEncoder {
  readonly encoding: 'utf-8'
  encode(input?: string): Uint8Array<ArrayBuffer>
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number }
}
