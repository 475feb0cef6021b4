// Material for MkDocs draws diagrams with a global `mermaid` and fetches one from a public
// CDN when it finds none. This module gives it the copy the site serves itself (installed
// from npm at set-up). A module runs once per document, so coming back to a page with a
// diagram through instant navigation reuses the instance Material already initialised,
// with its palette-aware theme, instead of replacing it with a fresh one.
//
// Drawing is deferred: the theme asks for every diagram of a page at once, and drawing
// blocks the main thread, so each render waits until its diagram nears the viewport
// (the diagram is found by its source, which is all the theme passes).
import mermaid from "./vendor/mermaid/mermaid.esm.min.mjs";

const nearView = (source) => new Promise((resolve) => {
  const diagram = [...document.querySelectorAll("pre.mermaid")].find((pre) => pre.textContent === source);
  if (!diagram || !("IntersectionObserver" in window)) return resolve();
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      resolve();
    }
  }, { rootMargin: "300px 0px" });
  observer.observe(diagram);
});

if (!globalThis.mermaid) {
  const render = mermaid.render.bind(mermaid);
  mermaid.render = async (id, source, ...rest) => {
    await nearView(source);
    return render(id, source, ...rest);
  };
  globalThis.mermaid = mermaid;
}
export default globalThis.mermaid;
