/**
 * The simulation worker: owns one engine instance (through SimHost) and talks the protocol over
 * the worker's global scope. May import: engine, protocol, this folder. Nothing else.
 */
import type { Request } from '../protocol/index.ts';
import { SimHost } from './host.ts';

declare const self: DedicatedWorkerGlobalScope;

const host = new SimHost((message, transfer) => self.postMessage(message, transfer));
self.addEventListener('message', (event: MessageEvent<Request>) => host.handle(event.data));
host.ready();
