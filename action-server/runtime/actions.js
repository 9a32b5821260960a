// One action call, in the order Next runs it: decode the reply, check the arguments, run the
// function inside the request scope, then render { a, f, b } with React's Flight server.
import { createRequestStore, enterRequest, leaveRequest } from './request-store.js';
import { load } from './module-system.js';
import {
  decodeReply,
  registerServerReference,
  createTemporaryReferenceSet,
  renderToBytes,
  stringHash,
} from './flight.js';
import { isRedirectError, isHTTPAccessFallbackError } from './modules/next-navigation.js';
import { format } from './shims/console.js';
import { host } from './shims/host-bridge.js';

const MAX_ARGS = 1000;
const state = { buildId: 'development', mode: 'development', actions: {} };

/** The serverModuleMap decodeReply resolves ids with: id → the module's file and export. */
const serverManifest = new Proxy(
  {},
  {
    get(_, id) {
      const a = typeof id === 'string' && Object.prototype.hasOwnProperty.call(state.actions, id) ? state.actions[id] : null;
      return a ? { id: a.file, chunks: [], name: a.name } : undefined;
    },
  },
);

export function configure({ buildId, mode }) {
  state.buildId = buildId;
  state.mode = mode;
}

/** Evaluates the 'use server' modules and lists what each exports, so the host can give ids. */
export function loadServerModules(files) {
  const out = {};
  for (const file of files) {
    try {
      const exports = load(file);
      const names = Object.keys(exports).filter((k) => k !== '__esModule');
      for (const name of names) {
        if (typeof exports[name] !== 'function') {
          throw new Error(
            `A "use server" file can only export async functions, found ${typeof exports[name]}.\nRead more: https://nextjs.org/docs/messages/invalid-use-server-value`,
          );
        }
      }
      out[file] = { exports: names };
    } catch (err) {
      out[file] = { error: describeError(err) };
    }
  }
  return out;
}

/** ids: { actionId: { file, name } } */
export function registerActions(ids) {
  state.actions = ids;
  for (const [id, { file, name }] of Object.entries(ids)) {
    const fn = load(file)[name];
    if (!fn.$$typeof) registerServerReference(fn, id, null);
  }
}

function describeError(err) {
  if (err && typeof err === 'object') {
    return { name: err.name, message: String(err.message), stack: String(err.stack || '') };
  }
  return { name: 'Error', message: String(err), stack: '' };
}

function toBody(body) {
  if (body.text !== undefined) return body.text;
  const form = new FormData();
  for (const [name, value] of body.form) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new File([value.bytes], value.name, { type: value.type }), value.name);
  }
  return form;
}

function digestOf(err) {
  if (err && typeof err.digest === 'string') return err.digest;
  const text = err instanceof Error ? err.message + (err.stack || '') : String(err);
  const digest = stringHash(text);
  if (err && typeof err === 'object') {
    try {
      err.digest = digest;
    } catch {}
  }
  return digest;
}

function logError(err) {
  if (isRedirectError(err) || isHTTPAccessFallbackError(err)) return;
  const text = format([err]);
  host.log('error', state.mode === 'production' ? `⨯ ${text} {\n  digest: '${digestOf(err)}'\n}` : `⨯ ${text}`);
}

function onError(err) {
  logError(err);
  return digestOf(err);
}

async function respond(store, actionResult, temporaryReferences, extra) {
  const payload = { a: actionResult, f: '', b: state.buildId };
  const flight = extra.emptyBody ? new Uint8Array(0) : await renderToBytes(payload, { onError, temporaryReferences });
  const cookieWrites = [...store.cookieWrites.values()].map((c) => ({
    ...c,
    expires: c.expires instanceof Date ? c.expires.getTime() : c.expires,
  }));
  const revalidated =
    store.revalidatedPaths.length > 0 || store.revalidatedTags.length > 0 || store.refreshed || cookieWrites.length > 0;
  return { status: extra.status, reason: extra.reason || null, redirect: extra.redirect || null, revalidated, cookieWrites, flight };
}

function rejected(err) {
  const p = Promise.reject(err);
  p.catch(() => {});
  return p;
}

/**
 * request (or its JSON): { actionId, body: {text} | {form}, headers: [[k, v]], cookies: [[k, v]] }
 * → { status, reason, redirect, revalidated, cookieWrites, flight: Uint8Array }
 */
export async function callAction(input) {
  const request = typeof input === 'string' ? JSON.parse(input) : input;
  const store = createRequestStore({ headers: request.headers, cookies: request.cookies, phase: 'action' });
  const temporaryReferences = createTemporaryReferenceSet();
  enterRequest(store);
  let step = 'decode';
  try {
    const args = await decodeReply(toBody(request.body), serverManifest, { temporaryReferences });
    if (!Array.isArray(args)) throw new Error('Invalid Server Action payload.');
    if (args.length > MAX_ARGS) {
      step = 'args';
      throw new Error(`Server Action arguments list is too long (${args.length}). Maximum allowed is ${MAX_ARGS}.`);
    }
    step = 'run';
    const { file, name } = state.actions[request.actionId];
    const fn = load(file)[name];
    const value = await fn.apply(null, args);
    return await respond(store, Promise.resolve(value), temporaryReferences, { status: 200 });
  } catch (err) {
    if (step === 'run' && isRedirectError(err)) {
      // NEXT_REDIRECT;<type>;<url, may contain ;>;<status>;
      const parts = err.digest.split(';');
      const type = parts[1];
      const url = parts.slice(2, -2).join(';');
      return await respond(store, null, temporaryReferences, { status: 200, redirect: `${url};${type}`, emptyBody: true });
    }
    if (step === 'run' && isHTTPAccessFallbackError(err)) {
      const code = Number(err.digest.split(';')[1]);
      const reason = { 404: 'not-found', 403: 'forbidden', 401: 'unauthorized' }[code];
      return await respond(store, rejected(err), temporaryReferences, { status: code, reason });
    }
    const reason = { decode: 'invalid-payload', args: 'too-many-args', run: 'action-error' }[step];
    if (step !== 'run') store.cookieWrites.clear();
    return await respond(store, rejected(err), temporaryReferences, { status: 500, reason });
  } finally {
    leaveRequest(store);
  }
}

/** A rejection decided by the host (CSRF, body size): Next renders it as the action's error. */
export async function renderRejection({ message, reason }) {
  const store = createRequestStore({ headers: [], cookies: [], phase: 'action' });
  const err = new Error(message);
  err.stack = `Error: ${message}`; // decided by the server, not thrown by the reader's code
  return respond(store, rejected(err), undefined, { status: 500, reason });
}
