// The part of React's Flight client (react-server-dom-webpack 19.2, edge build) the benches use.
declare module 'react-server-dom-webpack/client.edge' {
  export function encodeReply(value: unknown): Promise<string | FormData>
}
