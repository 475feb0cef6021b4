// A lecture's figures and recording: what the reader asks for loads, what cannot load says so.
//
// Figures hot-linked from the course's host are held at build time (distnotes.site.external):
// each is a link (a span inside a scraped link) carrying its address in `data-held-src`, which
// the sanitizer never keeps, so scraped markup cannot pose as one. Following one shows every
// held figure of the page from the same host in place: the reader has agreed to that host for
// the page, not to every host the page names. A click with a modifier key, or no script at
// all, opens the figure itself as a plain link would.
//
// A figure or recording that cannot load (no network, or the host refuses) shows what it was
// and where to find it, never a 0×0 gap; focus that was on it moves to that link. Errors do
// not bubble, so one listener in the capture phase sees every <img> and <audio> of every page
// that instant navigation swaps in; images that failed before this script ran are found by a scan.
(() => {
  const HELD = "article [data-held-src]";
  const hostOf = (held) => {
    try {
      return new URL(held.dataset.heldSrc, location.href).host;
    } catch {
      return "";  // an address no browser can read (`//[x/y.png`): grouped with its like
    }
  };
  const show = (held) => {
    const image = document.createElement("img");
    image.alt = held.dataset.alt || "课程配图";
    image.loading = "lazy";
    image.referrerPolicy = "no-referrer";  // the host refuses another site's referrer
    image.src = held.dataset.heldSrc;
    held.replaceWith(image);
    return image;
  };
  document.addEventListener("click", (event) => {
    const held = event.target instanceof Element && event.target.closest("a[data-held-src]");
    if (!held || !held.closest("article") || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const host = hostOf(held);
    for (const other of document.querySelectorAll(HELD)) {
      if (other !== held && hostOf(other) === host) show(other);
    }
    // Focus stays where the reader was, on the figure that took the link's place.
    const image = show(held);
    image.tabIndex = -1;
    image.focus({ preventScroll: true });
  });

  const figure = (image) => {
    if (image.dataset.fallback || !image.closest("article")) return;
    image.dataset.fallback = "shown";
    const focused = document.activeElement === image;
    const link = document.createElement("a");
    link.className = "media-missing";
    link.href = image.currentSrc || image.src;
    link.rel = "noreferrer";
    link.textContent = `图片未能加载：${image.alt || "图片"}（打开原图）`;
    image.replaceWith(link);
    if (focused) link.focus({ preventScroll: true });
  };
  const recording = (audio) => {
    if (audio.dataset.fallback) return;
    audio.dataset.fallback = "shown";
    const note = document.createElement("p");
    note.className = "media-missing";
    const link = document.createElement("a");
    link.href = audio.currentSrc || audio.src;
    link.rel = "noreferrer";
    link.textContent = "打开音频文件";
    note.append("这一讲的音频无法加载（原站的文件只对订阅者开放，或者现在没有网络）。", link);
    audio.after(note);
  };
  document.addEventListener("error", (event) => {
    const target = event.target;
    if (target instanceof HTMLImageElement) figure(target);
    else if (target instanceof HTMLAudioElement) recording(target);
    else if (target instanceof HTMLSourceElement && target.parentElement instanceof HTMLAudioElement) {
      recording(target.parentElement);
    }
  }, true);
  const scan = () => {
    for (const image of document.querySelectorAll("article img")) {
      if (image.complete && image.naturalWidth === 0 && image.getAttribute("src")) figure(image);
    }
  };
  if (typeof document$ !== "undefined") document$.subscribe(scan);  // the theme's page-swap stream
  else scan();
})();
