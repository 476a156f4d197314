// First import of the bench: environment and socket guard, before the SDK is loaded.
import net from 'node:net';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

/** Every outbound connect attempted in this process (all are blocked). */
export const blockedConnects: string[] = [];

const originalConnect = net.Socket.prototype.connect;
Object.defineProperty(net.Socket.prototype, 'connect', { configurable: true, writable: true, value: function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const [first, second] = args as [unknown, unknown];
  const where =
    typeof first === 'object' && first !== null
      ? JSON.stringify({ host: (first as net.TcpNetConnectOpts).host, port: (first as net.TcpNetConnectOpts).port, path: (first as net.IpcNetConnectOpts).path })
      : `${typeof second === 'string' ? second : 'localhost'}:${String(first)}`;
  blockedConnects.push(where);
  throw new Error(`bench socket guard: blocked connect to ${where}`);
} });
export const unguardedConnect = originalConnect;
