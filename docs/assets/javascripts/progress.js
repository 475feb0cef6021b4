// Reading progress, kept in this browser only (localStorage; nothing is sent anywhere).
// A lecture's 标为已读 button adds or removes its page; every element that names pages
// (the map's counts, a course's progress line, a table's marks) shows how many are read.
// Runs on every page instant navigation swaps in (the theme's document$ stream).
(() => {
  const KEY = "distnotes:read";
  const load = () => {
    try { return new Set(JSON.parse(localStorage.getItem(KEY) || "[]")); } catch { return new Set(); }
  };
  const save = (read) => localStorage.setItem(KEY, JSON.stringify([...read]));
  const show = () => {
    const read = load();
    for (const count of document.querySelectorAll(".read-count[data-pages]")) {
      const pages = count.dataset.pages.split(" ").filter(Boolean);
      const done = pages.filter((page) => read.has(page)).length;
      count.textContent = pages.length ? `已读 ${done}` : "";
    }
    for (const mark of document.querySelectorAll(".read-mark[data-page]")) {
      mark.textContent = read.has(mark.dataset.page) ? "✓ 已读" : "";
    }
    for (const button of document.querySelectorAll("button.lecture-read[data-page]")) {
      const isRead = read.has(button.dataset.page);
      button.setAttribute("aria-pressed", String(isRead));
      button.textContent = isRead ? "✓ 已读（点击取消）" : "标为已读";
    }
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.lecture-read[data-page]");
    if (button) {
      const read = load();
      if (read.has(button.dataset.page)) read.delete(button.dataset.page);
      else read.add(button.dataset.page);
      save(read);
      show();
      return;
    }
    const collapse = event.target.closest("a.thread-collapse");
    if (collapse) {  // a long thread closes from its end, and the page returns to its top
      const thread = collapse.closest("details");
      if (thread) {
        event.preventDefault();
        thread.open = false;
        thread.scrollIntoView({ block: "start" });
      }
    }
  });
  window.addEventListener("storage", (event) => { if (event.key === KEY) show(); });
  if (typeof document$ !== "undefined") document$.subscribe(show);
  else show();
})();
