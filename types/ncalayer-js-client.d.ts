// Types for the parts of ncalayer-js-client 1.5.6 (a plain-JS CommonJS module without typings) that Tirkeu uses.
declare module 'ncalayer-js-client' {
  export class NCALayerError extends Error {
    canceledByUser: boolean | undefined
  }

  export type BasicsSigningParams = { decode?: boolean; encapsulate?: boolean; digested?: boolean; tsaProfile?: object }
  export type BasicsSignerParams = { extKeyUsageOids: string[]; chain?: string[] }

  export class NCALayerClient {
    constructor(url?: string, allowKmdHttpApi?: boolean)
    url: string
    /** The open WebSocket after `connect()`; the library never closes it itself. */
    wsConnection: WebSocket | null
    /** Opens the WebSocket and waits for NCALayer's greeting `{ result: { version } }`; resolves with the version. */
    connect(): Promise<string>
    /** `kz.gov.pki.knca.basics` `sign` with format `cms`; an array of data gives an array of signatures. */
    basicsSignCMS(
      allowedStorages: string[] | null,
      data: string | string[],
      signingParams: BasicsSigningParams,
      signerParams: BasicsSignerParams,
      locale?: string,
    ): Promise<string | string[]>
    static get basicsStoragePKCS12(): string[]
    static get basicsStorageHardware(): string[]
    static get basicsStorageAll(): null
    static get basicsCMSParamsDetachedNoTSP(): BasicsSigningParams
    static get basicsSignerTestAny(): BasicsSignerParams
  }
}
