// The site search (partials/site-search.html, hooks/search_index.py).
//
// Nothing is fetched until the reader opens the dialog (the header button, or `?q=words` in
// the address). Then Pagefind's script loads the index of the page's own language (it reads
// <html lang>, so results never mix the languages) and the language's vocabulary of base
// forms. Each query word is also searched by its guessed base forms: an ending is stripped,
// a stem change undone (consonant gradation too), and a guess is kept only when it is a base
// form that the guide's pages use (the vocabulary, made with Voikko at build time). The index
// has those base forms after the inflected words, between ⁅ and ⁆; they are removed from
// titles and snippets here, and their highlight moves to the word before them.
//
// A query that speaks of distress (a phrase of the vocabulary's `crisis` list, from
// data/search-labels.yml) shows the crisis help above the results; so does an empty result.
//
// Every text from the index is put in the page as text (textContent), never as HTML. The
// reader's words are never keys of a plain object (`constructor` would find Object's) nor a
// String.replace pattern (`$&`), and a query is cut to the field's maxlength, so each costs
// the same bounded work however much is pasted.
(() => {
  "use strict";
  const OPEN = "\u2045", CLOSE = "\u2046";
  const VOWELS = "aeiouyäöå";
  const MAX_QUERIES = 8, MAX_GUESSES = 3, MAX_RESULTS = 10, TYPING_PAUSE_MS = 120;
  const dialog = document.getElementById("site-search");
  const opener = document.querySelector("[data-site-search-open]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  const input = dialog.querySelector("input[type=search]");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("[data-site-search-results]");
  const empty = dialog.querySelector("[data-site-search-empty]");
  const crisis = dialog.querySelector("[data-site-search-crisis]");
  const elsewhere = [...dialog.querySelectorAll("[data-site-search-elsewhere]")];
  const texts = dialog.dataset;
  const MAX_QUERY = input.maxLength > 0 ? input.maxLength : 200;
  const siteRoot = new URL(texts.siteRoot, location.href);
  let engine = null, latest = 0, timer = 0;

  // Pagefind and the vocabulary, fetched once, on the first opening.
  function load() {
    engine ??= Promise.all([
      import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
        await pagefind.init();
        return pagefind;
      }),
      fetch(new URL(texts.vocabulary, location.href)).then((answer) => (answer.ok ? answer.json() : {})),
    ]).then(([pagefind, vocabulary]) => ({ pagefind, vocabulary: prepared(vocabulary) }));
    engine.catch(() => { engine = null; });
    return engine;
  }

  function prepared(vocabulary) {
    return {
      words: new Set(vocabulary.words || []),
      compounds: new Map(Object.entries(vocabulary.compounds || {})),
      endings: vocabulary.endings || [],
      changes: vocabulary.stem_changes || [],
      gradation: vocabulary.gradation || [],
      crisis: vocabulary.crisis || [],
      crisisForms: new Set((vocabulary.crisis || []).flat(2)),
    };
  }

  // The base forms among `known` (by default the guide's vocabulary) that `word` may be an inflected form of.
  function baseForms(word, vocabulary, known = vocabulary.words) {
    const found = new Set();
    for (const ending of vocabulary.endings) {
      if (!word.endsWith(ending) || word.length - ending.length < 2) continue;
      const stem = word.slice(0, word.length - ending.length);
      for (const [inflected, base] of vocabulary.changes) {
        if (!stem.endsWith(inflected)) continue;
        const changed = stem.slice(0, stem.length - inflected.length) + base;
        for (const guess of graded(changed, vocabulary.gradation)) {
          if (guess !== word && known.has(guess)) found.add(guess);
        }
      }
    }
    return [...found].sort((a, b) => b.length - a.length).slice(0, MAX_GUESSES);
  }

  // `stem` with the consonant before its last vowels in the other grade (kyvy -> kyky, tue -> tuke).
  // The vowels and consonants are found by a scan from the end: linear, where a regular
  // expression backtracked quadratically on a long run of vowels.
  function graded(stem, pairs) {
    const variants = new Set([stem]);
    let vowelsStart = stem.length;
    while (vowelsStart > 0 && VOWELS.includes(stem[vowelsStart - 1])) vowelsStart--;
    if (vowelsStart === stem.length) return variants;
    let consonantsStart = vowelsStart;
    while (consonantsStart > 0 && !VOWELS.includes(stem[consonantsStart - 1])) consonantsStart--;
    const head = stem.slice(0, consonantsStart), consonants = stem.slice(consonantsStart, vowelsStart), vowels = stem.slice(vowelsStart);
    for (const [strong, weak] of pairs) {
      if (consonants.endsWith(weak)) variants.add(head + consonants.slice(0, -weak.length) + strong + vowels);
      if (consonants.endsWith(strong)) variants.add(head + consonants.slice(0, -strong.length) + weak + vowels);
    }
    // A lost k comes back between two of the last three vowels only (tue -> tuke, ruoa -> ruoka).
    if (pairs.length) {
      for (let i = Math.max(1, vowels.length - 2); i < vowels.length; i++) variants.add(head + consonants + vowels.slice(0, i) + "k" + vowels.slice(i));
    }
    return variants;
  }

  // The query as typed, then with its words replaced by their base forms, or by the parts of a compound.
  function queries(query, vocabulary) {
    const words = wordsOf(query);
    let combinations = [[]];
    for (const word of words) {
      const forms = [word, ...baseForms(word, vocabulary)];
      const parts = forms.filter((form) => vocabulary.compounds.has(form)).map((form) => vocabulary.compounds.get(form).join(" "));
      const options = [...new Set([...forms, ...parts])];
      combinations = combinations.flatMap((done) => options.map((option) => [...done, option])).slice(0, MAX_QUERIES);
    }
    return combinations.map((combination) => combination.join(" ")).filter(Boolean);
  }

  function wordsOf(query) {
    return query.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) || [];
  }

  // Does the query speak of distress? A crisis phrase matches when each of its words is a word
  // of the query (or a part of a hyphenated one): as typed, by a guessed base form, one typo
  // off (seven letters or more), or as its beginning (six letters or more, a last vowel may
  // fall away: itsemurha-ajatuksia, självskadebeteende). Order and other words do not matter.
  function aboutCrisis(query, vocabulary) {
    const words = [...new Set(wordsOf(query).flatMap((word) => [word, ...word.split("-")]))];
    const forms = new Set(words.flatMap((word) => [word, ...baseForms(word, vocabulary, vocabulary.crisisForms)]));
    const matches = (form) => forms.has(form) || words.some((word) => begins(word, form) || oneTypoOff(word, form));
    return vocabulary.crisis.some((phrase) => phrase.every((alternatives) => alternatives.some(matches)));
  }

  function begins(word, form) {
    if (form.length < 6 || word.length < form.length - 1) return false;
    return word.startsWith(form) || (VOWELS.includes(form.at(-1)) && word.startsWith(form.slice(0, -1)));
  }

  // One letter added, left out, changed, or two neighbours swapped (sjävmord, itsemruha).
  function oneTypoOff(word, form) {
    if (form.length < 7 || Math.abs(word.length - form.length) > 1 || word === form) return false;
    let start = 0;
    while (word[start] === form[start]) start++;
    const rest = (a, b) => word.slice(a) === form.slice(b);
    return rest(start + 1, start + 1) || rest(start + 1, start) || rest(start, start + 1)
      || (word[start] === form[start + 1] && word[start + 1] === form[start] && rest(start + 2, start + 2));
  }

  async function search(typed) {
    const number = ++latest;
    const query = typed.slice(0, MAX_QUERY);
    if (!query.trim()) return show(query, [], false);
    let found, distress;
    try {
      const { pagefind, vocabulary } = await load();
      distress = aboutCrisis(query, vocabulary);
      const answers = await Promise.all(queries(query, vocabulary).map((text) => pagefind.search(text)));
      const best = new Map();
      for (const result of answers.flatMap((answer) => answer.results)) {
        if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
      }
      const top = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
      found = await Promise.all(top.map((result) => result.data()));
    } catch (problem) {
      // Whether the words spoke of distress cannot be told: show the help.
      if (number === latest) { status.textContent = texts.error; crisis.hidden = false; }
      throw problem;
    }
    if (number === latest) show(query, found, distress);
  }

  function show(query, pages, distress) {
    list.replaceChildren(...pages.map(resultItem));
    list.hidden = pages.length === 0;
    empty.hidden = pages.length > 0 || !query.trim();
    crisis.hidden = !query.trim() || (pages.length > 0 && !distress);
    status.textContent = !query.trim() ? ""
      : pages.length === 0 ? filled(texts.none, "{query}", query.trim())
      : pages.length === 1 ? texts.resultsOne : filled(texts.resultsOther, "{count}", String(pages.length));
    for (const link of elsewhere) {
      const target = new URL(link.dataset.root, location.href);
      target.searchParams.set("q", query.trim());
      link.href = target.href;
    }
    list.dataset.query = query;
  }

  // One result: the page's title and the section, as the link, and the snippet with the match marked.
  function resultItem(page) {
    const section = bestSection(page);
    const item = element("li", "site-search__result");
    const link = element("a", "site-search__link");
    link.href = section.url;
    link.append(element("span", "site-search__page", plain(page.meta.title || page.url)));
    if (section.title && plain(section.title) !== plain(page.meta.title || "")) {
      link.append(" ", element("span", "site-search__section", plain(section.title)));
    }
    item.append(link, snippet(section.excerpt || page.excerpt));
    return item;
  }

  function bestSection(page) {
    const sections = (page.sub_results || []).filter((section) => section.excerpt);
    const count = (section) => (section.locations || []).length;
    return sections.sort((a, b) => count(b) - count(a))[0] || { url: page.url, excerpt: page.excerpt };
  }

  // Pagefind's excerpt as text with <mark> elements; base-form markers removed.
  function snippet(excerpt) {
    const runs = [];
    let marked = false, inside = false, markBefore = false;
    const start = excerpt.indexOf(CLOSE);
    if (start >= 0 && (excerpt.indexOf(OPEN) < 0 || start < excerpt.indexOf(OPEN))) excerpt = excerpt.slice(start + 1);
    for (const part of excerpt.split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>" || part === "</mark>") { marked = part === "<mark>"; continue; }
      let text = "";
      for (const character of part) {
        if (character === OPEN) {
          inside = true;
          text = text.trimEnd();
          if (!text && runs.length) runs[runs.length - 1].text = runs[runs.length - 1].text.trimEnd();
          continue;
        }
        if (character === CLOSE) {
          inside = false;
          if (markBefore) { markLastWord(runs, text); text = ""; markBefore = false; }
          continue;
        }
        if (inside) { markBefore ||= marked; continue; }
        text += character;
      }
      if (text) runs.push({ text, marked });
    }
    if (markBefore) markLastWord(runs, "");
    const paragraph = element("p", "site-search__snippet");
    for (const run of runs) paragraph.append(run.marked ? element("mark", "", run.text) : run.text.replace(/\s+/g, " "));
    return paragraph;
  }

  // Moves the highlight of a base form to the word it follows.
  function markLastWord(runs, pending) {
    if (pending) runs.push({ text: pending, marked: false });
    for (let i = runs.length - 1; i >= 0; i--) {
      const parts = runs[i].text.match(/^([\s\S]*?)(\S+)(\s*)$/);
      if (!parts) continue;
      if (!runs[i].marked) runs.splice(i, 1, { text: parts[1], marked: false }, { text: parts[2], marked: true }, { text: parts[3], marked: false });
      return;
    }
  }

  // `text` with `placeholder` replaced by `value` as it is (String.replace would read `$&` in it).
  function filled(text, placeholder, value) {
    return text.split(placeholder).join(value);
  }

  function plain(text) {
    return text.replace(/\s*\u2045[^\u2046]*\u2046?/g, "").replace(/^[^\u2045]*\u2046/, "").trim();
  }

  function element(name, className, text) {
    const made = document.createElement(name);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function open(query) {
    if (!dialog.open) dialog.showModal();
    if (query !== undefined) input.value = query;
    input.focus();
    if (!engine) status.textContent = texts.loading;
    load().then(() => { if (status.textContent === texts.loading) status.textContent = ""; }, () => { status.textContent = texts.error; });
    if (input.value.trim()) search(input.value).catch(() => {});
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value).catch(() => {}), TYPING_PAUSE_MS);
  }

  for (const link of elsewhere) link.dataset.root = link.getAttribute("href");
  opener.addEventListener("click", () => open());
  dialog.querySelector("[data-site-search-close]").addEventListener("click", () => dialog.close());
  dialog.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); search(input.value).catch(() => {}); });
  input.addEventListener("input", later);
  input.addEventListener("keydown", (event) => {
    const first = list.querySelector("a");
    if (event.key === "ArrowDown" && first && !list.hidden) { event.preventDefault(); first.focus(); }
  });
  dialog.addEventListener("click", (event) => {
    const word = event.target.closest("[data-site-search-word]");
    if (word) { event.preventDefault(); open(word.dataset.siteSearchWord); }
    else if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", () => {
    const address = new URL(location.href);
    if (address.searchParams.has("q")) { address.searchParams.delete("q"); history.replaceState(history.state, "", address.href); }
  });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) open(asked);
})();
