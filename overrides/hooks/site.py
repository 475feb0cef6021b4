"""MkDocs loads hooks by path; the events live in the installed package, imported once."""

from distnotes.site.hooks import *  # noqa: F403
