import { Workbox } from "workbox-window";

/**
 * Registers the runtime's service worker (built by vite-plugin-pwa with Workbox, vite.config.ts): after one
 * visit online the runtime and the published forms open without network (#18). `onUpdate` is told when a
 * new version of the app waits; calling the function it gets takes it (the page reloads).
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
  // Absent over plain HTTP to a remote server: the app then needs the network. The dev server has no
  // worker to register: the registration fails quietly there.
  if (!("serviceWorker" in navigator)) return;
  const workbox = new Workbox("/runtime/sw.js", { scope: "/runtime/" });
  workbox.addEventListener("waiting", () =>
    onUpdate(() => {
      workbox.addEventListener("controlling", () => window.location.reload());
      workbox.messageSkipWaiting();
    }),
  );
  workbox.register().catch(() => {
    // Without a worker the app still works online; offline it cannot open, as before.
  });
  // A tablet keeps the tab open for days: ask for a new version when the link returns and every half hour,
  // not only when the page is loaded.
  const check = () => void workbox.update().catch(() => {});
  window.addEventListener("online", check);
  setInterval(check, UPDATE_CHECK_MS);
}

/** How often an open app asks for a new version of itself and of the published questionnaires. */
export const UPDATE_CHECK_MS = 30 * 60 * 1000;

/** Resolves once the service worker answers the page's requests, so what they fetch is kept for offline. */
export function whenControlled(): Promise<void> {
  if (!("serviceWorker" in navigator) || navigator.serviceWorker.controller) return Promise.resolve();
  return new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }));
}
