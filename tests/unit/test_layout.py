"""The layout keeps its promises: the core knows no site generator, nothing edits
sys.path, the hook module is imported once a build, and `serve` follows the data files."""

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from support import ROOT

PACKAGE = ROOT / "scripts" / "distnotes"
SITE_ONLY = {"mkdocs", "pagefind", "nh3", "mermaid2", "material"}


def imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_only_the_site_part_imports_the_generator_search_or_sanitizer():
    core = [path for path in PACKAGE.rglob("*.py") if "site" not in path.relative_to(PACKAGE).parts]
    assert len(core) >= 10
    for path in core:
        assert not SITE_ONLY & set(imports(path)), path


def test_nothing_edits_sys_path():
    for path in [*ROOT.glob("scripts/**/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("bench/*.py"),
                 *ROOT.glob("overrides/**/*.py")]:
        if path.name != "test_layout.py":  # this test names what it looks for
            assert not re.search(r"sys\.path\s*(\.|\[|=)", path.read_text(encoding="utf-8")), path


BUILD_ONCE = """
import json, sys
import mkdocs.commands.build, mkdocs.config
import distnotes.generate as generate
calls = []
load = generate.load_syllabus
generate.load_syllabus = lambda *args: calls.append(args) or load(*args)
config = mkdocs.config.load_config("mkdocs.yml", site_dir=sys.argv[1])
mkdocs.commands.build.build(config)
hooks = [name for name, module in sys.modules.items()
         if (getattr(module, "__file__", "") or "").endswith(("hooks/site.py", "site/hooks.py"))]
print(json.dumps({"hooks": sorted(hooks), "syllabus_loads": len(calls)}))
"""


def test_the_hook_module_is_imported_once_and_reads_the_data_once(tmp_path):
    result = subprocess.run([sys.executable, "-c", BUILD_ONCE, str(tmp_path / "site")], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"hooks": ["distnotes.site.hooks", "overrides/hooks/site.py"], "syllabus_loads": 1}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_rebuilds_when_the_glossary_changes(tmp_path):
    for name in ("mkdocs.yml", "syllabus.yml", "glossary.yml"):
        shutil.copy(ROOT / name, tmp_path)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                             cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        page = f"http://127.0.0.1:{port}/glossary/"
        deadline = time.monotonic() + 60
        while "两阶段提交" not in _get(page) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "两阶段提交" in _get(page), "serve never came up"
        glossary = tmp_path / "glossary.yml"
        glossary.write_text(glossary.read_text(encoding="utf-8") + (
            "\n- {id: serve-probe, zh: 热更新探针, en: Serve Probe, area: coordination, lessons: [],\n"
            "   def: 课外补充：编辑术语表后，预览服务器应当重建这一页。}\n"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "热更新探针" not in _get(page) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "热更新探针" in _get(page)
        assert "热更新探针" in (tmp_path / "docs" / "glossary.md").read_text(encoding="utf-8")
    finally:
        serve.terminate()
        serve.wait(timeout=20)


def test_mkdocs_settings_are_read_from_the_configuration(tmp_path):
    from distnotes.project import mkdocs_setting

    (tmp_path / "mkdocs.yml").write_text(
        'site_name: 笔记\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/x/"]  # a fork\nsite_description: "两门课"\n',
        encoding="utf-8")
    assert mkdocs_setting(tmp_path, "site_name") == "笔记"
    assert mkdocs_setting(tmp_path, "site_url") == "http://127.0.0.1:8000/x/"
    assert mkdocs_setting(tmp_path, "site_description") == "两门课"
    assert mkdocs_setting(tmp_path, "repo_url") == ""
