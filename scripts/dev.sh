#!/usr/bin/env bash
# The project's commands (README):
#   bash scripts/dev.sh serve   set everything up, then serve the site at http://127.0.0.1:8000/
#   bash scripts/dev.sh test    set everything up, then run every check and test
#   bash scripts/dev.sh build   set everything up, then build the site into site/ (publishing)
#   bash scripts/dev.sh bench   set everything up, then benchmark into bench/results.md
# Set-up installs only pinned versions: Python packages from requirements.lock, Mermaid,
# Pagefind, Workbox, axe-core and Lighthouse
# from package-lock.json, Debian's pandoc for the e-books, for the tests Debian's
# Chromium and EPUBCheck, and for the benchmark a Chinese font (Noto CJK).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1  # Material's end-of-life banner on every build

python_bin() {
  for candidate in "${PYTHON:-}" python3.11 python3; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return
    fi
  done
  echo "error: Python 3.11 or newer is needed" >&2; exit 1
}

setup() {
  [ -x .venv/bin/python ] || "$(python_bin)" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  npm ci --no-audit --no-fund --loglevel=error
}

# Debian's packages, installed once: `apt_install <command> <package>...`.
apt_install() {
  command -v "$1" >/dev/null && return
  shift
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

setup_chromium() {
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] && return
  apt_install chromium chromium
}

setup_ebooks() {  # pandoc makes the EPUBs; EPUBCheck (tests only) validates them
  apt_install pandoc pandoc
  if [ "${1:-}" = check ] && [ ! -f /usr/share/java/epubcheck.jar ]; then
    apt_install no-such-command epubcheck
  fi
}

# The benchmark opens Chinese pages as a reader's phone does, with a Chinese font: without
# one every character is a missing glyph that Chromium looks for in each installed font,
# and laying out the longest area page took about 1.7 times as long (bench/results.md).
setup_cjk_font() {
  fc-list :lang=zh family 2>/dev/null | grep -q . && return
  apt_install no-such-command fonts-noto-cjk
}

checks() {
  .venv/bin/ruff check scripts tests bench overrides
  .venv/bin/mypy
  .venv/bin/distnotes tidy --check  # committed pages and generated parts match the data
  .venv/bin/distnotes draw --check  # every diagram of the notes has its current drawing
}

case "${1:-}" in
  serve)
    setup
    # --dirty: an edit rebuilds only its page (about a second, not a whole-site build);
    # restart after adding a lecture so that every page's nav lists it.
    exec .venv/bin/mkdocs serve --dirty --no-strict ;;  # MkDocs warns on every dirty build
  build)
    setup
    setup_ebooks
    .venv/bin/distnotes tidy --check
    .venv/bin/distnotes draw --check  # the pages show drawings made by `distnotes draw`
    .venv/bin/distnotes ebook  # docs/ebooks/: published with the site, linked from the course tables
    .venv/bin/mkdocs build --strict ;;  # the hook indexes the site with Pagefind, then adds the service worker
  test)
    setup
    setup_chromium
    setup_ebooks check
    checks
    .venv/bin/mkdocs build --strict
    .venv/bin/python -m pytest ;;  # the browser tests build the site, and its Zensical twin
  bench)
    setup
    setup_chromium
    setup_cjk_font
    .venv/bin/python bench/bench.py ;;
  *)
    echo "usage: bash scripts/dev.sh serve|test|build|bench" >&2; exit 2 ;;
esac
