"""The site: the only part of distnotes that knows MkDocs, Pagefind or the sanitizer.

`hooks` holds the MkDocs events (loaded through overrides/hooks/); `search` builds the
Pagefind index of any built site; `sanitize` makes lecture HTML safe; `assets` serves
the npm packages from the site itself.
"""
