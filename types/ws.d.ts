// Minimal types for `ws` 8 (installed as a dependency of ncalayer-js-client; no @types/ws in the project): only what the
// test NCALayer server and its tests use.
declare module 'ws' {
  import type { EventEmitter } from 'node:events'
  import type { Server as HttpServer } from 'node:http'
  import type { Server as HttpsServer } from 'node:https'
  import type { SecureContextOptions } from 'node:tls'

  type RawData = Buffer | ArrayBuffer | Buffer[]

  export class WebSocket extends EventEmitter {
    static readonly OPEN: 1
    constructor(address: string, protocols?: string | string[], options?: SecureContextOptions & { rejectUnauthorized?: boolean })
    readonly readyState: 0 | 1 | 2 | 3
    send(data: string): void
    close(code?: number, reason?: string): void
    terminate(): void
    on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): this
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this
    on(event: 'error', listener: (error: Error) => void): this
    on(event: 'open', listener: () => void): this
    onmessage: ((event: { data: string | Buffer }) => void) | null
    onerror: ((event: { error: Error; message: string }) => void) | null
    onclose: ((event: { code: number; reason: string }) => void) | null
    onopen: (() => void) | null
  }

  export class WebSocketServer extends EventEmitter {
    constructor(options: { server: HttpServer | HttpsServer; maxPayload?: number })
    readonly clients: Set<WebSocket>
    close(callback?: (error?: Error) => void): void
    on(event: 'connection', listener: (socket: WebSocket) => void): this
    on(event: 'error', listener: (error: Error) => void): this
  }

  export default WebSocket
}
