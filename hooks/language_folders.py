"""Present each translation folder (`docs_sv/`, ...) to mkdocs-static-i18n as its locale folder.

mkdocs-static-i18n (folder mode) only reads `docs/<locale>/`, and drops pages whose source
lies outside `docs_dir`. So that its language switcher, hreflang, sitemap and search keep
working natively, this hook:

- `on_files` at priority -90, just before the plugin's (-100): fails the build on a page
  without its twin or a locale-like folder, then registers every file of `docs_<locale>/`
  as `<locale>/<path>` under `docs_dir`.
- `on_nav` (after all `on_files`, before any page is read or asset copied): points those
  files back at their real source and makes "edit this page" open that source. The plugin
  re-creates File objects in its `on_files`, so this cannot happen earlier.
- `on_serve`: watches the translation folders, so `mkdocs serve` reloads on their edits.

Depends on `guide.shared.site_languages` (the languages declared in mkdocs.yml) and `guide.languages.sources`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from guide.languages import sources as page_sources
from guide.shared import site_languages


@event_priority(-90)
def on_files(files: Files, config) -> Files:
    languages = site_languages.site_languages(config)
    root = Path(config.config_file_path).parent
    problems = site_languages.locale_like_folders(languages[0], root)
    problems += site_languages.twin_problems(languages, root)
    if problems:
        raise PluginError("Pages and their translations do not match:\n  " + "\n  ".join(problems))
    for lang in languages[1:]:
        for rel_path in site_languages.source_files(lang.docs_dir):
            files.append(_registered(lang, rel_path, config))
    return files


def on_nav(nav, config, files: Files):
    for lang in site_languages.site_languages(config)[1:]:
        for rel_path in site_languages.source_files(lang.docs_dir):
            file = files.src_uris.get(site_languages.localized_uri(lang, rel_path))
            if file is not None:
                _point_at_source(file, lang.source_of(rel_path), config)
    return nav


def on_serve(server, config, builder):
    for lang in site_languages.site_languages(config)[1:]:
        server.watch(str(lang.docs_dir))
    return server


def _registered(lang, rel_path: str, config) -> File:
    return File(
        site_languages.localized_uri(lang, rel_path),
        src_dir=config.docs_dir,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
    )


def _point_at_source(file: File, source: Path, config) -> None:
    file.abs_src_path = str(source)
    page_sources.point_edit_link(file, source, config)
