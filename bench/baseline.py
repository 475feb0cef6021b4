"""The plain configuration both benchmarks compare this site with."""

# The plain configuration: what a course mirror gets from mkdocs-material's defaults.
BASELINE_CONFIG = """\
site_name: 分布式技术笔记
docs_dir: docs
site_dir: site-baseline
theme:
  name: material
plugins:
  - search
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
