// A course figure or recording that cannot load (hot-linked from the course's host, or
// no network) shows what it was and where to find it, never a 0×0 gap. Errors do not
// bubble, so one listener in the capture phase sees every <img> and <audio> of every
// page that instant navigation swaps in; images that failed before this script ran are
// found by a scan.
(() => {
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
