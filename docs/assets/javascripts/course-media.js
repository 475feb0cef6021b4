// A lecture's figures and recording: what the reader asks for loads, what cannot load says so.
//
// Figures hot-linked from the course's host are held at build time (distnotes.site.external):
// each is a link, `a.external-image`, so that opening a page asks nothing of another host.
// Following one shows every held figure of the page in place: the reader has agreed to
// that host once for the page, not once per figure. A click with a modifier key, or no
// script at all, opens the figure itself as a plain link would.
//
// A figure or recording that cannot load (no network, or the host refuses) shows what it
// was and where to find it, never a 0×0 gap. Errors do not bubble, so one listener in the
// capture phase sees every <img> and <audio> of every page that instant navigation swaps
// in; images that failed before this script ran are found by a scan.
(() => {
  const show = (held) => {
    const image = document.createElement("img");
    image.alt = held.dataset.alt || "课程配图";
    image.loading = "lazy";
    image.referrerPolicy = "no-referrer";  // the host refuses another site's referrer
    image.src = held.href;
    held.replaceWith(image);
    return image;
  };
  document.addEventListener("click", (event) => {
    const held = event.target instanceof Element && event.target.closest("article a.external-image");
    if (!held || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const page = [...document.querySelectorAll("article a.external-image")];
    const shown = page.map(show)[page.indexOf(held)];
    // Focus stays where the reader was, on the figure that took the link's place.
    shown.tabIndex = -1;
    shown.focus({ preventScroll: true });
  });

  const figure = (image) => {
    if (image.dataset.fallback || !image.closest("article")) return;
    image.dataset.fallback = "shown";
    const link = document.createElement("a");
    link.className = "media-missing";
    link.href = image.currentSrc || image.src;
    link.rel = "noreferrer";
    link.textContent = `图片未能加载：${image.alt || "图片"}（打开原图）`;
    image.replaceWith(link);
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
