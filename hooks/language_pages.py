"""Give every language its own 404 page, sitemap and JavaScript base.

mkdocs-static-i18n runs one whole build per language into the same `site_dir`, which
leaves these site-wide outputs wrong (see ../shared/stack-facts.md):

- `on_page_context` / `on_template_context`: expose `language_root` (`/` or `/sv/`), the
  `base` Material's JavaScript resolves sitemap requests against.
- `on_post_template`: a non-default build writes its `404.html` under its own root instead
  of overwriting the default language's, and copies `sitemap.xml` there (Material fetches
  it beside the language root).

The site search has one index per language too, made by hooks/search_index.py.

Depends on `guide.shared.site_languages`.
"""

from __future__ import annotations

from pathlib import Path

from guide.shared import site_languages

PER_LANGUAGE_TEMPLATES = {"404.html": "move", "sitemap.xml": "copy"}


def on_page_context(context, page, config, nav):
    context["language_root"] = site_languages.language_of(config, page.file.locale).link
    return context


def on_template_context(context, template_name, config):
    context["language_root"] = site_languages.current_language(config).link
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    lang = site_languages.current_language(config)
    action = PER_LANGUAGE_TEMPLATES.get(template_name)
    if lang.default or action is None:
        return output
    _write(Path(config.site_dir, lang.locale, template_name), output)
    return "" if action == "move" else output


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
