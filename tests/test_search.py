"""The site search's build side: its texts, the base forms in the index, and what the build writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guide.safety import crisis_help as crisis_help_data
from guide.search import compounds as search_compounds
from guide.search import crisis as search_crisis
from guide.search import labels as search_labels
from guide.search import terms as search_terms
from guide.search import words as search_words
from pages import html_pages, soup
from sitebuild import PROJECT

LOCALES = ["fi", "sv"]

# A tiny stand-in for Voikko: the analyses of the few words these tests use.
FAKE = {
    "kyvyn": [{"BASEFORM": "kyky", "STRUCTURE": "=ppppp", "WORDBASES": "+kyky(kyky)", "SIJAMUOTO": "omanto", "NUMBER": "singular"}],
    "Työkyvyn": [{"BASEFORM": "työkyky", "STRUCTURE": "=ppp=ppppp", "WORDBASES": "+työ(työ)+kyky(kyky)", "SIJAMUOTO": "omanto", "NUMBER": "singular"}],
    "raha": [{"BASEFORM": "raha", "STRUCTURE": "=pppp", "WORDBASES": "+raha(raha)", "SIJAMUOTO": "nimento", "NUMBER": "singular"}],
    "palautuminen": [{"BASEFORM": "palautua", "STRUCTURE": "=pppppppppppp", "WORDBASES": "+palautua(palautua)", "SIJAMUOTO": "nimento", "NUMBER": "singular"}],
}


def fake(word: str) -> list[dict]:
    return FAKE.get(word, [])


def write_labels(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data" / "search-labels.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_guides_search_labels_are_complete():
    """data/search-labels.yml has every text in both languages."""
    labels = search_labels.load(search_labels.labels_path(PROJECT), LOCALES, PROJECT)
    assert set(labels) == set(LOCALES)
    assert all(labels[locale]["suggestions"] and labels[locale]["crisis_phrases"] for locale in LOCALES)


def test_a_missing_search_text_names_file_line_and_key(tmp_path):
    """A language block without a text stops the build at that block's line, naming the key."""
    real = (PROJECT / "data" / "search-labels.yml").read_text("utf-8")
    path = write_labels(tmp_path, real.replace("  close: Stäng sökningen\n", ""))
    with pytest.raises(crisis_help_data.Problems) as raised:
        search_labels.load(path, LOCALES, tmp_path)
    assert len(raised.value.problems) == 1
    assert raised.value.problems[0].startswith("data/search-labels.yml:")
    assert "sv.close: missing or empty; add the text in this language" in raised.value.problems[0]


def test_a_missing_language_and_a_lost_placeholder_are_reported_together(tmp_path):
    """Every problem of the file is reported at once: a missing block and a text without {count}."""
    real = (PROJECT / "data" / "search-labels.yml").read_text("utf-8")
    fi_only = real[: real.index("\nsv:")].replace('"{count} sivua löytyi."', "monta sivua löytyi")
    with pytest.raises(crisis_help_data.Problems) as raised:
        search_labels.load(write_labels(tmp_path, fi_only), LOCALES, tmp_path)
    problems = "\n".join(raised.value.problems)
    assert "fi.results_other: must contain {count}" in problems
    assert "sv: missing; add a 'sv:' block" in problems


def test_inflected_words_are_followed_by_their_base_forms_and_compound_parts():
    """'Työkyvyn' gets ⁅työkyky työ kyky⁆; a word in its base form gets nothing."""
    vocabulary: dict = {}
    html = '<p>x</p><article class="md-content__inner"><h1 id="a">Työkyvyn raha</h1><p>kyvyn &amp; raha</p></article>'
    marked = search_words.with_markers(html, fake, vocabulary)
    assert "<h1 id=\"a\">Työkyvyn ⁅työkyky työ kyky⁆ raha</h1>" in marked
    assert "<p>kyvyn ⁅kyky⁆ &amp; raha</p>" in marked
    assert marked.startswith("<p>x</p>")
    assert vocabulary == {"työkyky": ["työ", "kyky"], "työ": [], "kyky": [], "raha": []}


def test_a_nouns_nominative_joins_the_vocabulary_beside_its_base_form():
    """'palautuminen' (base form 'palautua') is in the vocabulary too, for readers who type it."""
    vocabulary: dict = {}
    search_words.with_markers("<article><p>palautuminen</p></article>", fake, vocabulary)
    assert set(vocabulary) == {"palautua", "palautuminen"}


def test_a_language_without_an_analyser_is_indexed_as_written():
    """Swedish pages get no markers; their words, as written, are the vocabulary."""
    vocabulary: dict = {}
    html = "<article><p>Gruppens ledare &amp; deltagarna</p></article>"
    assert search_words.with_markers(html, None, vocabulary) == html
    assert set(vocabulary) == {"gruppens", "ledare", "deltagarna"}


def test_voikko_gives_the_base_forms_snowball_misses():
    """With Debian's voikko-fi, consonant gradation and stem changes are undone."""
    analyses = search_words.voikko_analyses("fi")
    assert "kyky" in search_words.base_forms("kyvyn", analyses)
    assert "tuki" in search_words.base_forms("tuen", analyses)
    assert "apu" in search_words.base_forms("avusta", analyses)
    assert search_words.voikko_analyses("sv") is None


def test_each_language_has_its_own_index_and_vocabulary(site):
    """Pagefind indexed both languages; each has a vocabulary with its guessing rules."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == set(LOCALES)
    for locale in LOCALES:
        vocabulary = json.loads((site / "assets" / "search" / f"{locale}.json").read_text("utf-8"))
        assert vocabulary["locale"] == locale and vocabulary["words"] and vocabulary["endings"]
    assert "työkyky" in json.loads((site / "assets" / "search" / "fi.json").read_text("utf-8"))["compounds"]


def test_no_page_loads_or_links_a_search_index(site):
    """No page refers to Pagefind's files or a vocabulary in its HTML, and Material's index is gone."""
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "pagefind" / "pagefind-ui.js").exists()
    for url in html_pages(site):
        page = soup(site, url)
        sources = [tag.get("src") or tag.get("href") or "" for tag in page.select("script[src], link[href]")]
        assert not any("pagefind" in source or "assets/search/" in source for source in sources), url


def test_every_page_has_a_labelled_search_button_and_dialog(site):
    """The header's search button and the dialog are named in the page's language."""
    names = {"fi": "Hae oppaasta", "sv": "Sök i guiden"}
    for url in html_pages(site):
        page = soup(site, url)
        lang = page.html["lang"]
        assert page.select_one("[data-site-search-open]")["aria-label"] == names[lang], url
        dialog = page.select_one("dialog#site-search")
        assert page.select_one("#" + dialog["aria-labelledby"]).get_text(strip=True) == names[lang], url


def test_crisis_phrases_match_by_base_forms_but_not_by_compound_parts():
    """Each word of a crisis phrase carries Voikko's base forms; 'itsemurha' does not carry 'itse'."""
    analyses = search_words.voikko_analyses("fi")
    assert search_crisis.phrases(["Haluan kuolla", "satuttaa itseään", "itsemurha"], analyses) == [
        [["haluan", "haluta"], ["kuolla"]], [["satuttaa"], ["itseään", "itse"]], [["itsemurha"]],
    ]
    assert search_crisis.phrases(["ta livet av mig"], None) == [[["ta"], ["livet"], ["av"], ["mig"]]]


def test_each_language_has_at_least_30_crisis_phrases_in_its_vocabulary(site):
    """data/search-labels.yml gives 30 or more crisis phrases per language; the vocabulary carries them."""
    labels = search_labels.load(search_labels.labels_path(PROJECT), LOCALES, PROJECT)
    for locale in LOCALES:
        vocabulary = json.loads((site / "assets" / "search" / f"{locale}.json").read_text("utf-8"))
        assert len(vocabulary["crisis"]) == len(labels[locale]["crisis_phrases"]) >= 30


def test_synonyms_lead_each_word_and_its_base_forms_to_the_others():
    """A synonym group maps every word (and, with Voikko, its base form) to the other words of the group."""
    found = search_terms.synonyms([["tystnadsplikt", "sekretess", "förtrolighet"]], None)
    assert found["sekretess"] == ["tystnadsplikt", "förtrolighet"]
    assert search_terms.synonyms([["teemakortit", "PDF"]], search_words.voikko_analyses("fi"))["teemakortti"] == ["pdf"]


def test_task_phrases_go_into_the_index_copy_after_the_title_between_markers():
    """The task phrases follow the article's h1, weighted, tagged with the page's address, hidden from snippets."""
    html = '<article><h1 id="t">Teemakortit</h1><p>Teksti</p></article>'
    tagged = search_terms.with_tasks(html, "kortit/", ["tulosta kortit", "PDF"], None)
    assert tagged == ('<article><h1 id="t">Teemakortit</h1><p data-pagefind-weight="10" data-pagefind-filter="task:kortit/">'
                      '⁅tulosta kortit pdf⁆</p><p>Teksti</p></article>')
    assert search_terms.tasks({"kortit/": ["miten tulostan kortit"]}, ["miten"], None) == [["kortit/", [["tulostan"], ["kortit"]]]]
    assert search_terms.page_address("sv/kortit/index.html".removeprefix("sv/")) == "kortit/"
    assert search_terms.page_address("index.html") == ""


def test_a_synonym_group_with_a_phrase_is_reported(tmp_path):
    """Synonyms are single words; a phrase in a group names the group's line and says where phrases go."""
    real = (PROJECT / "data" / "search-labels.yml").read_text("utf-8")
    path = write_labels(tmp_path, real.replace("[förtrolighet, tystnadsplikt, sekretess]", "[förtrolighet, tystnadsplikt i gruppen]"))
    with pytest.raises(crisis_help_data.Problems) as raised:
        search_labels.load(path, LOCALES, tmp_path)
    assert "sv.synonyms[0]: a group is a list of two or more single words" in "\n".join(raised.value.problems)


def test_a_card_pages_model_and_kind_line_becomes_pagefind_metadata():
    """Only the card's meta line is marked as Pagefind's `card` metadata."""
    html = '<article><p class="card-meta"><strong>Kokemus voimavaraksi</strong> · Aloitustapaaminen</p></article>'
    assert search_terms.with_card_meta(html) == html.replace('class="card-meta"', 'class="card-meta" data-pagefind-meta="card"')
    assert search_terms.with_card_meta("<article><p>Teksti</p></article>") == "<article><p>Teksti</p></article>"


def test_swedish_compounds_are_split_into_dictionary_words():
    """Hunspell sv_FI splits compounds at a linking s or between two words; derived words and short words stay whole."""
    analyses = search_compounds.analyses("sv")
    parts = {word: search_words.base_forms(word, analyses)[1:] for word in (
        "självmordstankar", "arbetsförmåga", "avslappningsövning", "gruppledare", "prissätter", "tillgänglig", "ledarens", "Avslappningsövning")}
    assert parts == {"självmordstankar": ["självmord", "tankar"], "arbetsförmåga": ["arbete", "förmåga"],
                     "avslappningsövning": ["avslappning", "övning"], "gruppledare": ["grupp", "ledare"],
                     "prissätter": [], "tillgänglig": [], "ledarens": [], "Avslappningsövning": ["avslappning", "övning"]}


def test_swedish_pages_get_their_compounds_parts_in_the_index(site):
    """The Swedish vocabulary lists compounds with their parts, as the Finnish one does."""
    compounds = json.loads((site / "assets" / "search" / "sv.json").read_text("utf-8"))["compounds"]
    assert compounds["avslappningsövning"] == ["avslappning", "övning"]
    assert compounds["kamratstödsgrupp"] == ["kamratstöd", "grupp"]
