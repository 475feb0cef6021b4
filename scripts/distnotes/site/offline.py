"""What makes the built site installable and readable offline, run after the search index:

- the logo and app icons, drawn from one geometry (the map: four layers, four lines);
- the web app manifest, with start URL and scope under the site's path;
- for each course, the list of what saving it for offline reading takes
  (`offline/<course>.json`, read by the course table's 离线阅读 control);
- the service worker, made by Workbox (workbox-build's injectManifest over
  `worker/service-worker.js`, our routes; the runtime is copied from node_modules).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from distnotes.generate import Project, page_url

from .external import is_on_this_site

WORKER = Path(__file__).parent / "worker"
INDIGO, ORANGE, WHITE = "#4051b5", "#ff7043", "#ffffff"  # the theme's primary (indigo) and accent
# The logo on a 512 grid: four layers bottom-up, crossed by four vertical lines.
LAYERS = [(96, 112 + 80 * row, 416, 152 + 80 * row) for row in range(4)]
LINES = [(132 + 80 * column, 72, 156 + 80 * column, 440) for column in range(4)]
ICON_SIZES = (192, 512)


def logo_svg() -> str:
    bars = "".join(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="8" fill="{WHITE}" '
                   f'fill-opacity="{0.55 + 0.15 * row}"/>' for row, (x0, y0, x1, y1) in enumerate(reversed(LAYERS)))
    lines = "".join(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="6" fill="{ORANGE}"/>'
                    for x0, y0, x1, y1 in LINES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" aria-label="四纵四横">'
            f'<rect width="512" height="512" rx="96" fill="{INDIGO}"/>{bars}{lines}</svg>\n')


def icon_png(size: int, maskable: bool = False) -> bytes:
    """The logo as a PNG; a maskable icon keeps the drawing inside the middle 80 %, as
    launchers crop it to a circle or rounded square."""
    scale = 4  # drawn large, then reduced: smooth edges without an SVG renderer
    canvas = Image.new("RGBA", (512 * scale, 512 * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    if maskable:
        draw.rectangle((0, 0, 512 * scale, 512 * scale), fill=INDIGO)
    else:
        draw.rounded_rectangle((0, 0, 512 * scale - 1, 512 * scale - 1), radius=96 * scale, fill=INDIGO)
    shrink = 0.75 if maskable else 1.0

    def box(x0: int, y0: int, x1: int, y1: int) -> tuple[float, ...]:
        return tuple((256 + (v - 256) * shrink) * scale for v in (x0, y0, x1, y1))

    for row, rect in enumerate(reversed(LAYERS)):
        alpha = round(255 * (0.55 + 0.15 * row))
        layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).rounded_rectangle(box(*rect), radius=8 * scale, fill=(255, 255, 255, alpha))
        canvas = Image.alpha_composite(canvas, layer)
    draw = ImageDraw.Draw(canvas)
    for rect in LINES:
        draw.rounded_rectangle(box(*rect), radius=6 * scale, fill=ORANGE)
    out = io.BytesIO()
    canvas.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_icons(site_dir: Path) -> None:
    icons = site_dir / "assets" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    (site_dir / "assets" / "logo.svg").write_text(logo_svg(), encoding="utf-8")
    for size in ICON_SIZES:
        (icons / f"icon-{size}.png").write_bytes(icon_png(size))
    (icons / "maskable-512.png").write_bytes(icon_png(512, maskable=True))


def manifest(name: str, description: str, site_path: str) -> dict:
    icons = [{"src": f"assets/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
             for size in ICON_SIZES]
    icons.append({"src": "assets/icons/maskable-512.png", "sizes": "512x512", "type": "image/png",
                  "purpose": "maskable"})
    icons.append({"src": "assets/logo.svg", "sizes": "any", "type": "image/svg+xml"})
    return {
        "name": name, "short_name": "分布式笔记", "description": description, "lang": "zh-CN",
        "id": site_path, "start_url": site_path, "scope": site_path, "display": "standalone",
        # One theme colour only: both palettes keep the indigo header. The page's own
        # theme-color meta (set by the theme) follows the palette.
        "theme_color": INDIGO, "background_color": WHITE, "icons": icons,
    }


def _files_under(site_dir: Path, folder: str) -> Iterable[Path]:
    return (path for path in sorted((site_dir / folder).rglob("*")) if path.is_file())


def course_pack(project: Project, course, site_dir: Path) -> dict:
    """What saving a course takes: its imported lecture pages with their images, the
    area notes it touches, its table, the home map, the whole search index, and the
    diagram renderer if a page still draws live. URLs are relative to the site's root;
    sizes as on disk."""
    imported = [lesson for lesson in project.syllabus.lessons_of(course) if project.is_imported(lesson)]
    areas = project.syllabus.areas_of(course)
    pages = ["", f"courses/{course.id}/", *(page_url(lesson.page) for lesson in imported),
             *(page_url(project.syllabus.areas[slug].page) for slug in areas)]
    files: dict[str, int] = {}
    live = False  # a page whose diagram is not drawn yet (distnotes draw) needs Mermaid, 2.8 MB
    for url in pages:
        built = site_dir / url / "index.html"
        if not built.is_file():
            continue
        files[url] = built.stat().st_size
        soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
        live = live or soup.select_one("pre.mermaid") is not None
        for image in soup.find_all("img"):
            src = str(image.get("src", ""))
            if not src or not is_on_this_site(src):
                continue  # from another host: cached once a reader shows it
            target = (built.parent / src).resolve()
            if target.is_file() and target.is_relative_to(site_dir.resolve()):
                files[target.relative_to(site_dir.resolve()).as_posix()] = target.stat().st_size
    for folder in ("pagefind", *(["assets/javascripts/vendor/mermaid"] if live else [])):
        for path in _files_under(site_dir, folder):
            files[path.relative_to(site_dir).as_posix()] = path.stat().st_size
    return {
        "course": course.id, "title": course.title, "lectures": [page_url(lesson.page) for lesson in imported],
        "bytes": sum(files.values()), "files": [[url, size] for url, size in files.items()],
    }


def write_course_packs(project: Project, site_dir: Path) -> None:
    folder = site_dir / "offline"
    folder.mkdir(exist_ok=True)
    for course in project.syllabus.courses:
        pack = course_pack(project, course, site_dir)
        (folder / f"{course.id}.json").write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")


def write_service_worker(root: Path, site_dir: Path) -> None:
    """sw.js at the site's root (its scope is the whole site), by workbox-build."""
    subprocess.run(["node", str(WORKER / "build.mjs"), str(site_dir)], cwd=root, check=True,
                   env={**os.environ, "NODE_PATH": str(root / "node_modules")})


def make_offline(project: Project, site_dir: Path, site_name: str, description: str, site_path: str,
                 service_worker: bool = True) -> None:
    """Everything above, into a built site whose URL path is `site_path`."""
    write_icons(site_dir)
    (site_dir / "manifest.webmanifest").write_text(
        json.dumps(manifest(site_name, description, site_path), ensure_ascii=False, indent=1), encoding="utf-8")
    write_course_packs(project, site_dir)
    if service_worker:
        write_service_worker(project.root, site_dir)
