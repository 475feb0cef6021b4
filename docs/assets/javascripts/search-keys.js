// The theme's own search takes `/` and `s`; Pagefind's box binds one key (`/`, its
// `shortcut` attribute, with its hint in the box). This adds `s`, by the same rule:
// not while typing into a field, and not with a modifier held.
document.addEventListener("keydown", (event) => {
  if (event.key !== "s" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  const active = document.activeElement;
  if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT" ||
                 active.isContentEditable)) return;
  const box = document.querySelector("pagefind-searchbox input");
  if (!box) return;
  event.preventDefault();
  box.focus();
});
