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
  // A page found only through a compound's parts (työ ohjaaja for työnohjaaja) merely mentions
  // the parts: it comes after every page found by the words as typed, their base forms or
  // synonyms. A synonym's match counts a little less than the word's own.
  // Pages that have only some of the words of a longer question (each word searched alone) come last.
  const SYNONYM_WEIGHT = 0.9, WHOLE = 0, PARTS = 1, SOME = 2, TASK_SCORE = 1e6;
  const MAX_CORRECTED = 6;
  const MAX_QUERIES = 12, MAX_GUESSES = 3, MAX_RESULTS = 10, TYPING_PAUSE_MS = 120;
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
        // No worker: it would fetch a second copy of Pagefind's code (41 KB) to search an index this small.
        await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24, noWorker: true });
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
      synonyms: new Map(Object.entries(vocabulary.synonyms || {})),
      questionWords: new Set(vocabulary.question_words || []),
      crisis: vocabulary.crisis || [],
      crisisForms: new Set((vocabulary.crisis || []).flat(2)),
      tasks: vocabulary.tasks || [],
      taskForms: new Set((vocabulary.tasks || []).flatMap(([, phrase]) => phrase.flat())),
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

  // The query as typed; then without its question words ("miten", "hur"), each word replaced by
  // its base forms, its synonyms (data/search-labels.yml) or the parts of a compound. Pagefind
  // finds the pages that have every word of a query, so each variant is searched on its own.
  // Each variant comes with its weight (the product of its words') and its rank: PARTS when a
  // word is replaced by its parts.
  function queries(query, vocabulary) {
    const typed = wordsOf(query);
    const asked = typed.filter((word) => !vocabulary.questionWords.has(word));
    let combinations = [{ text: "", weight: 1, rank: WHOLE }];
    for (const word of asked.length ? asked : typed) {
      const forms = [word, ...baseForms(word, vocabulary)];
      const named = [word, ...baseForms(word, vocabulary, vocabulary.synonyms)];
      const options = new Map(forms.map((form) => [form, { weight: 1, rank: WHOLE }]));
      for (const synonym of named.flatMap((form) => vocabulary.synonyms.get(form) || [])) {
        if (!options.has(synonym)) options.set(synonym, { weight: SYNONYM_WEIGHT, rank: WHOLE });
      }
      for (const form of forms.filter((form) => vocabulary.compounds.has(form))) {
        const parts = vocabulary.compounds.get(form).join(" ");
        if (!options.has(parts)) options.set(parts, { weight: 1, rank: PARTS });
      }
      combinations = combinations.flatMap((done) => [...options].map(([option, { weight, rank }]) =>
        ({ text: `${done.text} ${option}`.trim(), weight: done.weight * weight, rank: Math.max(done.rank, rank) })))
        .slice(0, MAX_QUERIES);
    }
    const some = asked.length > 1 ? asked.flatMap((word) => [word, ...baseForms(word, vocabulary)]) : [];
    const variants = new Map([[typed.join(" "), { text: typed.join(" "), weight: 1, rank: WHOLE }]]);
    for (const variant of [...combinations, ...some.map((text) => ({ text, weight: 1, rank: SOME }))]) {
      if (variant.text && !variants.has(variant.text)) variants.set(variant.text, variant);
    }
    return [...variants.values()].filter((variant) => variant.text);
  }

  function wordsOf(query) {
    return query.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) || [];
  }

  // The query's words (and the parts of hyphenated ones) and their base forms among `known`.
  function heard(query, vocabulary, known) {
    const words = [...new Set(wordsOf(query).flatMap((word) => [word, ...word.split("-")]))];
    return { words, forms: new Set(words.flatMap((word) => [word, ...baseForms(word, vocabulary, known)])) };
  }

  // A phrase (crisis or task; each word with its forms) is said when each of its words is a word
  // of the query: as typed, by a guessed base form, one typo off (seven letters or more), or as
  // its beginning (six letters or more, a last vowel may fall away: itsemurha-ajatuksia,
  // självskadebeteende). Order and other words do not matter.
  function says({ words, forms }, phrase) {
    const matches = (form) => forms.has(form) || words.some((word) => begins(word, form) || oneTypoOff(word, form));
    return phrase.every((alternatives) => alternatives.some(matches));
  }

  function aboutCrisis(query, vocabulary) {
    const query_ = heard(query, vocabulary, vocabulary.crisisForms);
    return vocabulary.crisis.some((phrase) => says(query_, phrase));
  }

  // The pages whose task phrases (data/search-labels.yml) the query says: "tulosta kortit".
  function taskPages(query, vocabulary) {
    const query_ = heard(query, vocabulary, vocabulary.taskForms);
    return [...new Set(vocabulary.tasks.filter(([, phrase]) => says(query_, phrase)).map(([address]) => address))];
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
    if (!query.trim()) return show(query, [], false, "");
    let found, distress, searched;
    try {
      const { pagefind, vocabulary } = await load();
      distress = aboutCrisis(query, vocabulary);
      const fixes = corrections(query, vocabulary);
      searched = fixes.size ? wordsOf(query).map((word) => fixes.get(word) || word).join(" ") : "";
      const top = await ranked(searched || query, vocabulary, pagefind);
      found = await Promise.all(top.map((result) => result.data()));
    } catch (problem) {
      // Whether the words spoke of distress cannot be told: show the help.
      if (number === latest) { status.textContent = texts.error; crisis.hidden = false; }
      throw problem;
    }
    if (number === latest) show(query, found, distress, searched);
  }

  // The best pages for `query`, best first.
  async function ranked(query, vocabulary, pagefind) {
    const variants = queries(query, vocabulary);
    const answers = await Promise.all(variants.map(({ text }) => pagefind.search(text)));
    // A page the query names a task of comes first; the index tags it with its address.
    const tasks = await Promise.all(taskPages(query, vocabulary).map((address) => pagefind.search(null, { filters: { task: address } })));
    const best = new Map();
    const better = (a, b) => a.rank - b.rank || b.score - a.score;
    answers.forEach((answer, index) => {
      const { weight, rank } = variants[index];
      for (const result of answer.results) {
        const found = { result, score: result.score * weight, rank };
        if (!best.has(result.id) || better(found, best.get(result.id)) < 0) best.set(result.id, found);
      }
    });
    tasks.forEach((answer, index) => {
      for (const result of answer.results) best.set(result.id, { result, score: TASK_SCORE - index, rank: WHOLE });
    });
    return [...best.values()].sort(better).slice(0, MAX_RESULTS).map(({ result }) => result);
  }

  // The query's words that the guide does not have, each with the guide's word nearest to it: one
  // edit away, two for words of eight letters or more ("luottamuksellisus"). A word the guide
  // lacks is not in the vocabulary, has no base form there and begins none of its words (one
  // being typed). Pagefind cannot tell: its stemmer matches parts of a misspelt word.
  function corrections(query, vocabulary) {
    const fixes = new Map();
    for (const word of wordsOf(query).slice(0, MAX_CORRECTED)) {
      // A crisis or task word is never "corrected" (itsetuho is not a typo for itsetunto).
      const named = [vocabulary.words, vocabulary.questionWords, vocabulary.synonyms, vocabulary.crisisForms, vocabulary.taskForms];
      if (word.length < 5 || named.some((known) => known.has(word))) continue;
      if (baseForms(word, vocabulary).length || [...vocabulary.words].some((known) => known.startsWith(word))) continue;
      const nearest = nearestWord(word, vocabulary);
      if (nearest) fixes.set(word, nearest);
    }
    return fixes;
  }

  function nearestWord(word, vocabulary) {
    let nearest = null, closest = (word.length >= 8 ? 2 : 1) + 1;
    for (const known of vocabulary.words) {
      if (Math.abs(known.length - word.length) >= closest) continue;
      const edits = distance(word, known, closest);
      if (edits < closest) { nearest = known; closest = edits; }
    }
    return nearest;
  }

  // Edits from `a` to `b` (a letter added, left out or changed, two neighbours swapped), or
  // `limit` as soon as it is certain to be that many or more.
  function distance(a, b, limit) {
    let before = [], previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        let edits = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) edits = Math.min(edits, before[j - 2] + 1);
        current.push(edits);
      }
      if (Math.min(...current) >= limit) return limit;
      before = previous;
      previous = current;
    }
    return Math.min(previous[b.length], limit);
  }

  function show(query, pages, distress, searched) {
    list.replaceChildren(...pages.map(resultItem));
    list.hidden = pages.length === 0;
    empty.hidden = pages.length > 0 || !query.trim();
    crisis.hidden = !query.trim() || (pages.length > 0 && !distress);
    const counted = pages.length === 0 ? filled(texts.none, "{query}", query.trim())
      : pages.length === 1 ? texts.resultsOne : filled(texts.resultsOther, "{count}", String(pages.length));
    status.textContent = !query.trim() ? "" : searched && pages.length ? `${filled(texts.corrected, "{query}", searched)} ${counted}` : counted;
    for (const link of elsewhere) {
      const target = new URL(link.dataset.root, location.href);
      target.searchParams.set("q", query.trim());
      link.href = target.href;
    }
    list.dataset.query = query;
  }

  // One result: the page's title (with a card's model and kind: two cards may share a title) and
  // the section, as the link, and the snippet with the match marked.
  function resultItem(page) {
    const section = bestSection(page);
    const item = element("li", "site-search__result");
    const link = element("a", "site-search__link");
    link.href = section.url;
    link.append(element("span", "site-search__page", plain(page.meta.title || page.url)));
    // The card's meta line reads "model · kind · length"; the length does not tell cards apart.
    if (page.meta.card) link.append(" ", element("span", "site-search__card", plain(page.meta.card).split(" · ").slice(0, 2).join(" · ")));
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
