/**
 * Loads `<atrium-chat>` as a classic script (the bubble runs on other sites, where a
 * cross-origin module script would need CORS) and resolves once the element is
 * defined. Concurrent callers share one load; a failed load can be tried again.
 */
const loads = new Map<string, Promise<void>>();

export function loadElementScript(url: string): Promise<void> {
  if (customElements.get('atrium-chat')) return Promise.resolve();
  let load = loads.get(url);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => {
        loads.delete(url);
        script.remove();
        reject(new Error(`The chat script could not be loaded from ${url}.`));
      });
      document.head.appendChild(script);
    }).then(() => customElements.whenDefined('atrium-chat').then(() => undefined));
    loads.set(url, load);
  }
  return load;
}
