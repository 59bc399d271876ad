"""The project's data files as a build reads them: where the project is, which languages the
site has, and a problem in a file as a PluginError headed by what needs fixing.

The loading and checking itself is in the pure modules (`guide.cards.model`, `guide.safety.crisis_help` and the
other loaders built on `guide.shared.data_files`); the hook entry files read their data through this module,
so a problem reads the same whichever hook meets it first. Of MkDocs it uses PluginError only.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide.cards import model as cards_model
from guide.safety import crisis_help as crisis_help_data
from guide.shared import data_files
from guide.safety import publisher as publisher_data
from guide.shared import site_languages


def root(config) -> Path:
    """The project folder (where mkdocs.yml is)."""
    return Path(config.config_file_path).parent


def locales(config) -> list[str]:
    """The site's languages, default first, as declared in mkdocs.yml."""
    return [lang.locale for lang in site_languages.site_languages(config)]


@contextmanager
def stops_build(what: str):
    """Turn a data file's problems into a PluginError: `<what> need fixing:` and one line each."""
    try:
        yield
    except (cards_model.CardProblems, data_files.Problems) as problems:
        raise PluginError(f"{what} need fixing:\n  " + "\n  ".join(problems.problems)) from None


def crisis_help(config) -> crisis_help_data.CrisisHelp:
    """The crisis help of every language (data/crisis-help.yml): pages, PDFs, the planner and the
    search all show it from this one file."""
    with stops_build("Crisis help (data/crisis-help.yml)"):
        return crisis_help_data.load(crisis_help_data.data_path(root(config)), locales(config), root(config))


def publisher(config) -> publisher_data.Publisher:
    """The guide's publisher (data/publisher.yml): the accessibility statement, the "about" page
    and the PDFs' metadata show it; `make publish` needs every value set."""
    with stops_build("The publisher's details (data/publisher.yml)"):
        return publisher_data.load(publisher_data.data_path(root(config)), locales(config), root(config))
