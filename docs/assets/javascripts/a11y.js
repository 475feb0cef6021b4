// Two accessibility defects of the theme, mended on every page instant navigation swaps
// in (better fixed upstream; no partial is copied for them):
// - a section's menu points aria-labelledby at a label that navigation.indexes leaves
//   out, so two menus have no name: they take the name of the section's link;
// - a table that scrolls sideways on a phone cannot be reached by keyboard: its
//   scrolling wrapper becomes a focusable, named region; so does a drawn diagram
//   (extra.css lets a wide one scroll on a phone), when it does scroll.
(() => {
  // Whether a drawing scrolls is read after layout, by a ResizeObserver, and again when the
  // screen turns: measuring every drawing on load forced a layout of the whole page.
  // Every drawing is read before any is marked: a mark changes the page's style, and the
  // next read would lay the whole page out again (one layout per drawing, on a phone).
  const sized = new ResizeObserver((entries) => {
    const figures = [...document.querySelectorAll("figure.diagram")];
    const read = entries.map((entry) => entry.target.closest("figure.diagram")).filter(Boolean)
      .map((figure) => [figure, figure.scrollWidth > figure.clientWidth]);
    for (const [figure, scrolls] of read) {
      if (scrolls === figure.hasAttribute("tabindex")) continue;  // marked already, or not to be
      if (scrolls) {
        figure.setAttribute("tabindex", "0");
        figure.setAttribute("role", "region");
        figure.setAttribute("aria-label", `第 ${figures.indexOf(figure) + 1} 张示意图（可左右滚动）`);
      } else {
        for (const name of ["tabindex", "role", "aria-label"]) figure.removeAttribute(name);
      }
    }
  });
  const mend = () => {
    for (const nav of document.querySelectorAll("nav[aria-labelledby]")) {
      if (document.getElementById(nav.getAttribute("aria-labelledby"))) continue;
      const link = nav.parentElement && nav.parentElement.querySelector(":scope > .md-nav__container a, :scope > a, :scope > label");
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", (link && link.textContent.trim()) || "章节");
    }
    document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap, index) => {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", `第 ${index + 1} 个表格（可左右滚动）`);
    });
    sized.disconnect();  // the drawings of the page swapped out
    for (const figure of document.querySelectorAll("figure.diagram")) sized.observe(figure);
  };
  if (typeof document$ !== "undefined") document$.subscribe(mend);
  else mend();
})();
