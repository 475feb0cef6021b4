// Reading without a connection, the reader's side (the service worker is sw.js):
// - on a course table, 离线阅读 saves the whole course into a cache of its own, from the
//   list the build wrote (offline/<course>.json: its pages, images, area notes, the search
//   index), says how many MB first, shows progress, and removes it again;
// - on the offline page, the list of pages this browser holds.
// Runs on every page instant navigation swaps in (the theme's document$ stream).
(() => {
  if (!("caches" in window)) return;
  const cacheName = (course) => `distnotes-course-${course}`;
  const doneKey = (course) => `distnotes:offline:${course}`;  // set once every file is saved
  const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const siteRoot = () => new URL(".", document.querySelector('link[rel="manifest"]').href);

  const saving = new Set();  // courses being saved in this page: one save at a time

  async function setUpCourse(control) {
    const course = control.dataset.course;
    const button = control.querySelector("button.offline-save");
    const remove = control.querySelector("button.offline-remove");
    const status = control.querySelector(".offline-status");
    const progress = control.querySelector("progress");
    let pack;
    try {
      pack = await (await fetch(new URL(`offline/${course}.json`, siteRoot()))).json();
    } catch {
      return;  // no list (a preview build, or offline before the first save): hidden
    }
    // What was saved, by its list: a deploy that adds a lecture asks for an update.
    const signature = `${pack.bytes}:${pack.files.length}:${pack.lectures.join(" ")}`;
    const show = async () => {
      const held = await caches.has(cacheName(course));
      const current = localStorage.getItem(doneKey(course)) === signature;
      button.hidden = current;
      remove.hidden = !held;
      const label = held ? "更新离线副本" : "离线阅读";
      button.textContent = `${label}（${pack.lectures.length} 讲，约 ${megabytes(pack.bytes)}）`;
      status.textContent = current ? `已保存在本机：${pack.lectures.length} 讲、笔记和搜索，离线也能打开。`
        : held ? "本机的离线副本不完整或已过期，可以更新。" : "";
    };
    button.addEventListener("click", async () => {
      if (saving.has(course)) return;
      saving.add(course);
      button.disabled = true;
      remove.disabled = true;
      progress.hidden = false;
      progress.max = pack.files.length;
      const cache = await caches.open(cacheName(course));
      let done = 0;
      let failed = 0;
      const queue = [...pack.files];
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const url = new URL(item[0], siteRoot());
          try {
            // The worker marks its offline page 503: only the real file is kept.
            const response = await fetch(url, { cache: "no-cache" });
            if (!response.ok) throw new Error(String(response.status));
            await cache.put(url, response);
          } catch {
            failed += 1;
          }
          done += 1;
          progress.value = done;
          status.textContent = `正在保存：${done} / ${pack.files.length}`;
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      saving.delete(course);
      progress.hidden = true;
      button.disabled = false;
      remove.disabled = false;
      if (failed) {
        localStorage.removeItem(doneKey(course));
        await show();
        status.textContent = `有 ${failed} 个文件没能保存（网络中断？），请再试一次。`;
        return;
      }
      localStorage.setItem(doneKey(course), signature);
      await show();
    });
    remove.addEventListener("click", async () => {
      if (saving.has(course)) return;
      await caches.delete(cacheName(course));
      localStorage.removeItem(doneKey(course));
      await show();
      status.textContent = "离线副本已移除。";
    });
    await show();
    control.hidden = false;
  }

  async function listCachedPages(list) {
    const pages = new Map();
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (url.origin !== location.origin || !url.pathname.endsWith("/") || pages.has(url.pathname)) continue;
        if (url.pathname.endsWith("/offline/")) continue;
        const text = await (await cache.match(request)).text();
        const title = new DOMParser().parseFromString(text, "text/html").title || url.pathname;
        pages.set(url.pathname, title.replace(/ - 分布式技术笔记$/, ""));
      }
    }
    list.replaceChildren(...[...pages].sort().map(([path, title]) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = path;
      link.textContent = title;
      item.append(link);
      return item;
    }));
    const empty = document.querySelector(".offline-cached-empty");
    if (empty) empty.textContent = pages.size ? `这台设备上保存了 ${pages.size} 页：` : "这台设备上还没有保存任何页面。";
  }

  const run = () => {
    for (const control of document.querySelectorAll(".offline-course[data-course]")) setUpCourse(control);
    const list = document.querySelector("ul.offline-cached");
    if (list) listCachedPages(list);
  };
  if (typeof document$ !== "undefined") document$.subscribe(run);
  else run();
})();
