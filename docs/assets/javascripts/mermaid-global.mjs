// Material for MkDocs draws diagrams with a global `mermaid` and fetches one from a public
// CDN when it finds none. This module gives it the copy the site serves itself (installed
// from npm at set-up). A module runs once per document, so coming back to a page with a
// diagram through instant navigation reuses the instance Material already initialised,
// with its palette-aware theme, instead of replacing it with a fresh one.
import mermaid from "./vendor/mermaid/mermaid.esm.min.mjs";

globalThis.mermaid ??= mermaid;
export default globalThis.mermaid;
