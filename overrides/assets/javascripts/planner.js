// The meeting-series planner (suunnittelu/): pick a model, get its proposed series, set the
// first date and time, the interval and a place, add, remove and reorder meetings, and take
// the plan away as a calendar file, a printout or a link.
//
// Loaded as a module on the planner page only (overrides/main.html). The markup and every
// interface text come from overrides/partials/planner.html; the cards, the models' proposals
// and the texts for messages from the language's catalogue, which the build writes from the
// card data (hooks/planner.py). Nothing is stored: the plan lives in the page and in its
// address's fragment (after "#", which a browser never sends to a server), the share link (a
// public contract, see tests/test_planner_browser.py):
//   #plan=<id>&rev=<revision>&next=<next key>&lang=<locale>&model=<model id>
//    &start=<YYYY-MM-DDTHH:MM, Helsinki time>&every=<days>&cards=<key>.<id>,<key>.<id>,...
//    [&gone=<key>.<id>.<YYYY-MM-DDTHH:MM>,...][&name<key>=<text>][&place=<text>]
// "_" in `cards` is a meeting without a card; "~<id>" after a meeting attaches a method card to it
// (3.raha~tunnemaalaus). `plan` and each meeting's `key` make its calendar event's UID, which never
// changes; `rev` rises with every edit and is each event's SEQUENCE; `gone` lists meetings removed
// after the plan was handed out, which the calendar file keeps as cancelled events. Links made
// before these existed (?model=...&cards=<id>,... in the query string) still open: they are moved
// to the fragment, and get a plan id from their own text. Elements are made from <template>s and
// texts are set as text, never as HTML.

import { calendar, clock, hash, inSpringGap, isoDate, meetingDates, parseStart, weekday, addDays, CONTROLS, FIRST_YEAR, LAST_YEAR } from "./planner-ics.js";

const MAX_EVERY = 365;
const MAX_NAME = 80;
const MAX_PLACE = 200;
const MAX_MEETINGS = 100; // a long series is a few dozen; the cap keeps a hostile link cheap
const UID_DOMAIN = "suunnittelu.vertaisryhmaopas";
// A fragment that holds a plan (any other fragment is a heading's anchor).
const PLAN_FRAGMENT = /(^|&)(plan|model|start|every|cards|place)=/;

class Planner {
  constructor(root, catalogue, base) {
    this.root = root;
    this.catalogue = catalogue;
    this.base = base;
    this.texts = catalogue.texts;
    this.cards = new Map(catalogue.cards.map((card) => [card.id, card]));
    this.models = new Map(catalogue.models.map((model) => [model.id, model]));
    this.kinds = new Map(catalogue.kinds.map((kind) => [kind.id, kind.name]));
    // plan, rev, next, gone: the plan's identity (see the top); shared: whether a file, link or
    // printout may have left the page, after which a removed meeting is kept as cancelled.
    this.state = { plan: null, rev: 0, next: 1, gone: [], shared: false, model: null, date: null, time: 0, every: 1, place: "", items: [] };
    this.written = null;
    this.field = (id) => root.querySelector(`#planner-${id}`);
    this.wire();
  }

  // Events of the fixed controls; the meetings' own buttons are handled by delegation.
  wire() {
    for (const radio of this.root.querySelectorAll('input[name="planner-model"]')) {
      radio.addEventListener("change", () => this.chooseModel(radio.value));
    }
    this.field("date").addEventListener("input", () => this.readDateTime());
    this.field("time").addEventListener("input", () => this.readDateTime());
    this.field("every").addEventListener("input", () => this.readEvery());
    // The invitation's own fields stay in the page: not in the link, not stored.
    for (const id of ["audience", "contact"]) this.field(id).addEventListener("input", () => this.renderInvitation(this.meetings()));
    this.field("place").addEventListener("input", () => {
      this.state.place = cleanText(this.field("place").value, MAX_PLACE);
      this.changed();
    });
    this.root.addEventListener("input", (event) => {
      const item = event.target.dataset.part === "name" && this.itemOf(event.target.closest("li[data-key]"));
      if (!item) return;
      item.name = cleanText(event.target.value, MAX_NAME);
      this.set(event.target.closest("li[data-key]"), "title", this.titleOf(item));
      this.changed(false);
    });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button) this.act(button.dataset.action, button.closest("li[data-key]"), button);
    });
  }

  act(action, item, button) {
    if (action === "add") this.add(this.field("add").value);
    else if (action === "attach") this.attach(Number(item.dataset.key), item.querySelector('[data-part="attach-select"]').value);
    else if (action === "detach") this.detach(Number(item.dataset.key), Number(button.closest("li[data-method]").dataset.method));
    else if (action === "download") this.handOut(() => this.download());
    else if (action === "print") this.handOut(() => window.print());
    else if (action === "copy") this.handOut(() => this.copyLink());
    else if (action === "clear-gone") this.clearGone();
    else if (action === "copy-invite") this.copyText(this.field("invite"), "invite_copied");
    else if (action === "print-invite") this.printInvitation();
    else if (item && action === "print-card") this.handOut(() => this.printCard(this.itemOf(item)));
    else if (item && action === "remove") this.remove(Number(item.dataset.key));
    else if (item && action === "reschedule") this.reschedule(this.itemOf(item), item);
    else if (item && action === "skip") this.skip(this.itemOf(item));
    else if (item && action === "reset") this.setDate(this.itemOf(item), null, false);
    else if (item) this.move(Number(item.dataset.key), action === "up" ? -1 : 1, action);
  }

  // The plan in the page's address; every problem with it is listed, the rest is kept.
  open(fragment) {
    const params = new URLSearchParams(fragment);
    const problems = [];
    const model = params.get("model");
    if (model !== null && !this.models.has(model)) problems.push(this.text("problem_model", { value: model }));
    else if (model === null && ["start", "every", "cards"].some((name) => params.has(name))) problems.push(this.text("problem_no_model"));
    if (this.models.has(model)) {
      this.setModel(model);
      this.openStart(params.get("start"), problems);
      this.openEvery(params.get("every"), problems);
      if (params.has("cards")) this.openCards(params.get("cards"), problems);
      this.state.place = cleanText(params.get("place") || "", MAX_PLACE);
      this.openIdentity(params, fragment, problems);
      this.fillFields();
    }
    this.showProblems(problems);
    this.render();
  }

  openStart(value, problems) {
    const start = parseStart(value);
    const year = Number((value || "").slice(0, 4));
    const key = /^\d{4}-/.test(value || "") && (year < FIRST_YEAR || year > LAST_YEAR) ? "problem_year" : "problem_start";
    if (start) Object.assign(this.state, start);
    else if (value !== null) problems.push(this.text(key, { value, default: this.formatStart() }));
  }

  openEvery(value, problems) {
    const every = /^\d+$/.test(value || "") ? Number(value) : NaN;
    if (every >= 1 && every <= MAX_EVERY) this.state.every = every;
    else if (value !== null) problems.push(this.text("problem_every", { value, default: this.state.every }));
  }

  // Meetings as "<key>.<id>~<method>" (keys may be missing in older links, or doubled by hand:
  // such a meeting gets a new key once the others are known).
  openCards(value, problems) {
    this.state.items = [];
    const keys = new Set();
    const tokens = value.split(",").map((text) => text.trim()).filter(Boolean);
    if (tokens.length > MAX_MEETINGS) problems.push(this.text("problem_too_many", { count: tokens.length, max: MAX_MEETINGS }));
    for (const token of tokens.slice(0, MAX_MEETINGS)) {
      const keyed = /^(\d{1,6})\.(.*)$/.exec(token);
      const key = keyed && !keys.has(Number(keyed[1])) ? Number(keyed[1]) : null;
      const [id, ...methods] = (keyed ? keyed[2] : token).split("~");
      if (this.usable(id, false, problems)) {
        if (key !== null) keys.add(key);
        this.state.items.push({ key, id, methods: methods.filter((method) => this.usable(method, true, problems)), name: "", at: null, stay: false });
      }
    }
  }

  // The plan's identity from its link: id, revision, cancelled meetings, the next free key and
  // the own meetings' names. A link without an id (made before ids existed) gets one from its
  // own text, place left out, so everyone who opens it gets the same calendar events.
  openIdentity(params, fragment, problems) {
    const s = this.state;
    s.plan = /^[0-9a-f]{8,32}$/.test(params.get("plan") || "") ? params.get("plan") : hash(fragment.replace(/(^|&)place=[^&]*/, ""));
    s.rev = wholeNumber(params.get("rev")) ?? 0;
    s.gone = (params.get("gone") || "").split(",").map(parseGone).filter(Boolean);
    const used = [...s.items.map((item) => item.key ?? 0), ...s.gone.map((gone) => gone.key)];
    s.next = Math.max(wholeNumber(params.get("next")) ?? 1, ...used.map((key) => key + 1));
    for (const item of s.items) {
      if (item.key === null) item.key = s.next++;
      if (item.id === this.catalogue.own) item.name = cleanText(params.get(`name${item.key}`) || "", MAX_NAME);
      const at = params.get(`at${item.key}`);
      item.at = at === null ? null : parseStart(at);
      item.stay = Boolean(item.at) && params.get(`stay${item.key}`) === "1";
      if (at !== null && !item.at) problems.push(this.text("problem_at", { value: at }));
    }
    s.shared = true;
    // The same plan opened in another language: its events' texts change, so does the revision.
    if (params.has("lang") && params.get("lang") !== this.catalogue.locale) s.rev += 1;
  }

  // Whether a card id from the link can stand as a meeting (or, `asMethod`, be attached to one).
  usable(id, asMethod, problems) {
    const card = this.cards.get(id);
    const method = Boolean(card) && this.catalogue.attach_kinds.includes(card.kind);
    const problem = id === this.catalogue.own && !asMethod ? null
      : !card ? "problem_card"
      : card.model !== this.state.model ? "problem_card_model"
      : method !== asMethod ? (asMethod ? "problem_not_method" : "problem_method")
      : null;
    if (problem) problems.push(this.text(problem, { value: id }));
    return !problem;
  }

  // A model's proposal, keeping the date, time and place already chosen: a new plan, whose
  // calendar events no one has yet.
  setModel(id) {
    const model = this.models.get(id);
    if (!this.state.date) {
      this.state.date = addDays(today(), 7);
      this.state.time = parseStart(`2000-01-01T${this.catalogue.start_time}`).time;
    }
    Object.assign(this.state, { plan: newPlanId(), rev: 0, next: 1, gone: [], shared: false, model: id, every: model.every });
    this.state.items = model.series.map((card) => this.proposed(card));
    this.root.querySelector(`#planner-model-${id}`).checked = true;
    // The interval's hint speaks of the follow-up only for a model that has one.
    const gapped = model.series.some((card) => this.cards.has(card) && this.catalogue.gaps[this.cards.get(card).kind]);
    this.field("every-hint").textContent = this.texts[gapped ? "every_hint_follow_up" : "every_hint"];
    // The model's booklet and (Vahvistin) its theme list and voting sheet, when the build made them.
    this.part("printables-block").hidden = model.printables.length === 0;
    this.part("printables").replaceChildren(...model.printables.map((printable) => {
      const link = Object.assign(document.createElement("a"), { href: this.absolute(printable.href), textContent: printable.text });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }));
    this.fillAddOptions();
  }

  chooseModel(id) {
    this.setModel(id);
    this.fillFields();
    this.render();
    this.announce("announce_model", { model: this.models.get(id).name, count: this.state.items.length });
  }

  readDateTime() {
    const start = parseStart(`${this.field("date").value}T${this.field("time").value}`);
    this.field("date").setAttribute("aria-invalid", String(!this.field("date").value));
    this.field("time").setAttribute("aria-invalid", String(!this.field("time").value));
    if (start) {
      Object.assign(this.state, start);
      this.changed();
    }
  }

  readEvery() {
    const input = this.field("every");
    const every = /^\d+$/.test(input.value) ? Number(input.value) : NaN;
    const valid = every >= 1 && every <= MAX_EVERY;
    input.setAttribute("aria-invalid", String(!valid));
    if (valid) {
      this.state.every = every;
      this.changed();
    }
  }

  add(id) {
    if (!id) return;
    if (this.state.items.length >= MAX_MEETINGS) {
      this.announce("announce_too_many", { max: MAX_MEETINGS });
      return;
    }
    this.state.items.push(this.proposed(id));
    this.changed();
    this.announce("announce_added", { title: this.titleOf({ id, name: "" }), count: this.state.items.length });
  }

  remove(key) {
    const items = this.state.items;
    const index = items.findIndex((item) => item.key === key);
    // Once the plan may be in someone's calendar, the meeting stays in the file as cancelled.
    const meeting = this.meetings()[index];
    if (this.state.shared) this.state.gone.push({ key, id: meeting.item.id, date: meeting.date, time: meeting.start });
    const [removed] = items.splice(index, 1);
    this.changed();
    const next = items[index] || items[index - 1];
    this.focus(next ? `li[data-key="${next.key}"] [data-action="remove"]` : "#planner-add");
    this.announce("announce_removed", { title: this.titleOf(removed), count: items.length });
  }

  attach(key, id) {
    const item = this.state.items.find((candidate) => candidate.key === key);
    if (!id || !item) return;
    item.methods.push(id);
    this.changed();
    this.root.querySelector(`li[data-key="${key}"] .planner-attach`).open = true;
    this.focus(`li[data-key="${key}"] [data-action="attach"]`);
    this.announce("announce_attached", { method: this.cards.get(id).title, title: this.titleOf(item) });
  }

  detach(key, index) {
    const item = this.state.items.find((candidate) => candidate.key === key);
    const [id] = item.methods.splice(index, 1);
    this.changed();
    this.focus(`li[data-key="${key}"] .planner-attach summary`);
    this.announce("announce_detached", { method: this.cards.get(id).title, title: this.titleOf(item) });
  }

  move(key, step, action) {
    const items = this.state.items;
    const index = items.findIndex((item) => item.key === key);
    const target = index + step;
    if (target < 0 || target >= items.length) return;
    [items[index], items[target]] = [items[target], items[index]];
    this.changed();
    // Focus stays on the button pressed, or on its pair once the meeting is first or last.
    const other = action === "up" ? "down" : "up";
    const button = this.root.querySelector(`li[data-key="${key}"] [data-action="${action}"]`);
    this.focus(button && !button.disabled ? `li[data-key="${key}"] [data-action="${action}"]` : `li[data-key="${key}"] [data-action="${other}"]`);
    this.announce("announce_moved", { title: this.titleOf(items[target]), position: target + 1, count: items.length });
  }

  // The meeting as its calendar event wants it: any edit is a new revision of the plan.
  // `redraw` false: only the address and the outputs change (a name being typed keeps its field).
  changed(redraw = true) {
    this.state.rev += 1;
    if (redraw) this.render();
    else this.renderOutputs(this.meetings());
  }

  // Forgets the cancelled meetings, once everyone has a file that takes them out.
  clearGone() {
    const count = this.state.gone.length;
    this.state.gone = [];
    this.changed();
    this.focus('[data-action="download"], [data-part="download"]');
    this.announce("announce_gone_cleared", { count });
  }

  // Runs an action that hands the plan out (a file, a link, a printout): from then on a removed
  // meeting is kept in the file as cancelled.
  handOut(action) {
    this.state.shared = true;
    return action();
  }

  // The date and time typed for one meeting; the later meetings follow it unless told to stay.
  reschedule(item, li) {
    const date = this.partOf(li, "at-date"), time = this.partOf(li, "at-time");
    const at = parseStart(`${date.value}T${time.value}`);
    date.setAttribute("aria-invalid", String(!at));
    time.setAttribute("aria-invalid", String(!at));
    if (!at) return this.announce("announce_reschedule_invalid");
    this.setDate(item, at, !this.partOf(li, "at-follow").checked);
  }

  // A date skipped (a holiday): the meeting goes one interval later, and the later ones with it.
  skip(item) {
    const meeting = this.meetings().find((m) => m.item === item);
    this.setDate(item, { date: addDays(meeting.date, this.state.every), time: item.at ? item.at.time : this.state.time }, false);
  }

  // `at` null: the meeting goes back to its place in the series.
  setDate(item, at, stay) {
    Object.assign(item, { at, stay: Boolean(at) && stay });
    this.changed();
    const meeting = this.meetings().find((m) => m.item === item);
    this.focus(`li[data-key="${item.key}"] .planner-reschedule summary`);
    this.announce("announce_rescheduled", { title: meeting.title, when: this.formatWhen(meeting) });
  }

  // The meetings with their dates: {item, card, title, kind, minutes, date, start}.
  meetings() {
    const own = this.models.get(this.state.model).own_minutes;
    const list = this.state.items.map((item) => {
      const card = this.cards.get(item.id) || null;
      return { item, card, title: this.titleOf(item), kind: card ? card.kind : null, minutes: card ? card.minutes : own, start: this.state.time };
    });
    const fixed = this.state.items.map((item) => item.at && { date: item.at.date, stay: item.stay });
    const dates = meetingDates(list.map((m) => m.kind), this.state.date, this.state.every, this.catalogue.gaps, fixed);
    list.forEach((meeting, index) => {
      meeting.date = dates[index];
      if (meeting.item.at) meeting.start = meeting.item.at.time;
    });
    // A clock time that does not exist that day (the spring change) is moved an hour later, as a
    // calendar program would; render() says so.
    for (const meeting of list.filter((m) => inSpringGap(m.date, m.start))) {
      meeting.skipped = meeting.start;
      meeting.start += 60;
    }
    return list;
  }

  render() {
    const ready = Boolean(this.state.model);
    this.part("plan").hidden = !ready;
    if (!ready) return;
    const meetings = this.meetings();
    const names = uniqueNames(meetings.map((m) => m.title));
    this.part("meetings").replaceChildren(...meetings.map((m, i) => this.meetingItem(m, i, meetings.length, names[i])));
    this.part("count").textContent = this.text("meeting_count", { count: meetings.length });
    this.part("empty").hidden = meetings.length > 0;
    const notices = meetings.filter((m) => m.skipped !== undefined).map((m) => this.text("notice_spring_gap", {
      date: `${m.date.day}.${m.date.month}.${m.date.year}`, time: this.clock(m.skipped), moved: this.clock(m.start) }));
    this.part("notices").hidden = notices.length === 0;
    this.part("notice-list").replaceChildren(...notices.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
    this.renderOutputs(meetings);
  }

  // What follows the plan: the printout, the calendar file, the address, the share link, and the
  // links that lead to the planner (the language switch, which opens the same plan in the other
  // language, and the menu's link to this page).
  renderOutputs(meetings) {
    this.renderPrint(meetings);
    this.renderInvitation(meetings);
    this.renderGone();
    this.written = this.fragment();
    history.replaceState(null, "", `${location.pathname}#${this.written}`);
    this.field("share").value = location.href;
    for (const link of document.querySelectorAll("a[href]")) {
      const url = new URL(link.href);
      const planner = url.pathname === location.pathname || link.matches(".shell-language__link");
      // A link to a heading of this page (the contents) keeps its anchor.
      if (planner && (!url.hash || PLAN_FRAGMENT.test(url.hash.slice(1)))) link.href = `${url.href.split("#")[0]}#${this.written}`;
    }
  }

  // The invitation (the guide's example on the Vahvistin steps page, filled from the plan): a
  // text to copy and a one-page notice to print, made from the same parts.
  renderInvitation(meetings) {
    const audience = cleanText(this.field("audience").value, 120), contact = cleanText(this.field("contact").value, 200);
    const parts = {
      title: this.texts.invite_title,
      model: this.texts.invite_models[this.state.model],
      audience: audience ? this.text("invite_audience_line", { audience }) : "",
      datesTitle: this.texts.invite_dates,
      dates: meetings.map((meeting) => this.formatWhen(meeting)),
      place: this.state.place ? this.text("invite_place", { place: this.state.place }) : "",
      voluntary: this.texts.invite_voluntary,
      contact: contact ? this.text("invite_contact_line", { contact }) : "",
    };
    this.field("invite").value = [parts.title, "", parts.model, parts.audience, "", parts.datesTitle,
      ...parts.dates.map((date) => `- ${date}`), "", parts.place, parts.voluntary, parts.contact]
      .filter((line, index, lines) => line !== "" || lines[index - 1] !== "").join("\n").trim();
    for (const name of ["title", "model", "audience", "place", "voluntary", "contact"]) {
      this.set(this.root, `invite-print-${name}`, parts[name]);
      this.part(`invite-print-${name}`).hidden = !parts[name];
    }
    this.set(this.root, "invite-print-dates-title", parts.datesTitle);
    this.part("invite-print-dates").replaceChildren(...parts.dates.map((date) => Object.assign(document.createElement("li"), { textContent: date })));
  }

  // Prints the notice instead of the plan (planner.css, .planner-printing-invite).
  printInvitation() {
    this.printOnly("planner-printing-invite");
  }

  // Prints one meeting's card filled in: the text of its card page on this site (the one source
  // of card texts), without what only a screen needs, under its date, time, place and next
  // meeting. The fetched page is this site's own build; its scripts are dropped, never run.
  async printCard(item) {
    const meetings = this.meetings();
    const index = meetings.findIndex((m) => m.item === item);
    const [meeting, next] = [meetings[index], meetings[index + 1]];
    const response = await fetch(this.absolute(meeting.card.page));
    const article = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("article");
    for (const extra of article.querySelectorAll("script, a.headerlink, .card-pager, .md-content__button, .md-source-file")) extra.remove();
    for (const element of article.querySelectorAll("[id]")) element.removeAttribute("id"); // the planner's ids stay unique
    this.part("card-print-body").replaceChildren(...[...article.children].map((node) => document.importNode(node, true)));
    this.set(this.root, "card-print-when", this.formatWhen(meeting));
    this.set(this.root, "card-print-place", this.state.place || "–");
    this.set(this.root, "card-print-next", next ? `${this.formatWhen(next)} · ${next.title}` : this.texts.card_print_last);
    this.printOnly("planner-printing-card", () => this.part("card-print-body").replaceChildren());
  }

  // Prints with `mode` on the body (planner.css shows that printout alone), then ends it.
  printOnly(mode, after = () => {}) {
    document.body.classList.add(mode);
    window.addEventListener("afterprint", () => {
      document.body.classList.remove(mode);
      after();
    }, { once: true });
    window.print();
  }

  renderGone() {
    const count = this.state.gone.length;
    this.part("gone").hidden = count === 0;
    this.set(this.root, "gone-text", this.text("gone_text", { count }));
  }

  // The address changed under the page: a pasted share link opens; a heading's anchor (the
  // contents, a jump link) has scrolled the page, and the plan goes back into the address.
  follow(fragment) {
    if (fragment === this.written) return;
    if (PLAN_FRAGMENT.test(fragment)) this.open(fragment);
    else if (this.written !== null) history.replaceState(null, "", `${location.pathname}#${this.written}`);
  }

  meetingItem(meeting, index, count, name) {
    const li = this.template("planner-meeting-template");
    const { card } = meeting;
    li.dataset.key = meeting.item.key;
    this.set(li, "number", `${index + 1}.`);
    this.set(li, "title", meeting.title);
    const nameField = this.partOf(li, "name");
    nameField.id = `planner-name-${meeting.item.key}`;
    this.partOf(li, "name-label").htmlFor = nameField.id;
    nameField.value = meeting.item.name;
    this.set(li, "when", this.formatWhen(meeting));
    const kind = card ? this.kinds.get(card.kind) || card.kind : "";
    this.set(li, "kind", kind);
    this.partOf(li, "kind-part").hidden = !kind || kind === meeting.title;
    this.partOf(li, "own").hidden = Boolean(card);
    this.partOf(li, "name-field").hidden = Boolean(card);
    this.partOf(li, "links").hidden = !card;
    this.partOf(li, "phases-block").hidden = !card;
    li.querySelector('[data-action="print-card"]').hidden = !card;
    if (card) {
      this.link(li, "card", card.page);
      this.link(li, "pdf", card.pdf);
      this.link(li, "handout", card.handout);
      this.partOf(li, "phases").replaceChildren(...this.phaseItems(card, meeting.start));
    }
    // Distinct names for each meeting's controls: the visible text, then the meeting's title.
    this.fillReschedule(li, meeting);
    for (const control of li.querySelectorAll(":scope > p > a[data-part], :scope > p > button[data-action], .planner-attach summary, [data-action='attach'], .planner-reschedule summary, .planner-reschedule button")) {
      control.setAttribute("aria-label", `${control.textContent.trim()}: ${name}`);
    }
    this.fillMethods(li, meeting, name);
    li.querySelector('[data-action="up"]').disabled = index === 0;
    li.querySelector('[data-action="down"]').disabled = index === count - 1;
    return li;
  }

  // The form that moves one meeting: its date and time now, with labels tied to its fields.
  fillReschedule(li, meeting) {
    for (const [part, value] of [["at-date", isoDate(meeting.date)], ["at-time", clock(meeting.start)]]) {
      const input = this.partOf(li, part);
      input.id = `planner-${part}-${meeting.item.key}`;
      input.value = value;
      this.partOf(li, `${part}-label`).htmlFor = input.id;
    }
    this.partOf(li, "moved").hidden = !meeting.item.at;
    this.partOf(li, "reset").hidden = !meeting.item.at;
  }

  // The methods attached to a meeting, and the list to attach one more (when the model has any).
  fillMethods(li, meeting, name) {
    const choices = this.methodCards();
    this.partOf(li, "methods-block").hidden = choices.length === 0;
    if (choices.length === 0) return;
    const select = this.partOf(li, "attach-select");
    select.id = `planner-attach-${meeting.item.key}`;
    this.partOf(li, "attach-label").htmlFor = select.id;
    select.replaceChildren(...choices.map((card) => new Option(`${card.title} (${card.minutes} ${this.catalogue.minutes})`, card.id)));
    this.partOf(li, "methods").replaceChildren(...meeting.item.methods.map((id, index) => {
      const card = this.cards.get(id);
      const item = this.template("planner-method-template");
      item.dataset.method = index;
      this.set(item, "title", `${card.title} (${card.minutes} ${this.catalogue.minutes})`);
      this.link(item, "card", card.page);
      for (const control of item.querySelectorAll("a, button")) {
        control.setAttribute("aria-label", `${control.textContent.trim()}: ${card.title}, ${name}`);
      }
      return item;
    }));
  }

  methodCards() {
    return this.catalogue.cards.filter((card) => card.model === this.state.model && this.catalogue.attach_kinds.includes(card.kind));
  }

  link(li, part, address) {
    const anchor = this.partOf(li, part);
    anchor.hidden = !address;
    if (address) anchor.href = this.absolute(address);
  }

  phaseItems(card, start) {
    let at = start;
    return card.phases.map((phase) => {
      const li = this.template("planner-phase-template");
      this.set(li, "time", this.clock(at));
      this.set(li, "title", phase.title);
      at += phase.minutes;
      return li;
    });
  }

  renderPrint(meetings) {
    const model = this.models.get(this.state.model);
    this.part("print-title").textContent = this.text("print_heading", { model: model.name });
    this.part("print-place").hidden = !this.state.place;
    this.part("print-place-text").textContent = this.state.place;
    this.part("print-rows").replaceChildren(...meetings.map((meeting, index) => {
      const row = document.createElement("tr");
      const cells = [`${index + 1}.`, this.formatDate(meeting.date),
        `${this.clock(meeting.start)}–${this.clock(meeting.start + meeting.minutes)}`, meeting.title];
      row.replaceChildren(...cells.map((text) => Object.assign(document.createElement("td"), { textContent: text })));
      return row;
    }));
  }

  // The calendar file, made when asked for (so nothing but a calendar is ever downloaded): one
  // event per meeting, then one per cancelled meeting, each under the UID it was first handed
  // out with and with the plan's revision as its SEQUENCE.
  download() {
    const meetings = this.meetings();
    const model = this.models.get(this.state.model);
    const s = this.state;
    const events = meetings.map((meeting) => ({
      uid: this.uid(meeting.item.key),
      sequence: s.rev,
      date: meeting.date,
      start: meeting.start,
      minutes: meeting.minutes,
      summary: this.text("calendar_summary", { title: meeting.title }),
      description: this.description(meeting),
      location: s.place,
      url: meeting.card ? this.absolute(meeting.card.page) : "",
    }));
    const own = model.own_minutes;
    events.push(...s.gone.map((gone) => ({
      uid: this.uid(gone.key), sequence: s.rev, cancelled: true, date: gone.date, start: gone.time,
      minutes: this.cards.has(gone.id) ? this.cards.get(gone.id).minutes : own,
      summary: this.text("calendar_cancelled", { title: this.titleOf({ id: gone.id, name: "" }) }),
    })));
    const text = calendar({ name: this.texts.calendar_name, locale: this.catalogue.locale, stamp: new Date(), events });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    link.download = `${this.texts.calendar_file}-${model.id}-${isoDate(this.state.date)}.ics`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  }

  uid(key) {
    return `${this.state.plan}-${key}@${UID_DOMAIN}`;
  }

  // An event's description: the kind, the phases in clock time, the card's page and PDF, and
  // the attached methods with their pages.
  description(meeting) {
    const { card } = meeting;
    const methods = meeting.item.methods.map((id) => `${this.cards.get(id).title}: ${this.absolute(this.cards.get(id).page)}`);
    const attached = methods.length ? ["", this.texts.calendar_methods, ...methods] : [];
    if (!card) return [this.texts.own_meeting_text, ...attached].join("\n");
    let at = meeting.start;
    const phases = card.phases.map((phase) => {
      const line = `${this.clock(at)} ${phase.title}`;
      at += phase.minutes;
      return line;
    });
    const links = [`${this.texts.calendar_card} ${this.absolute(card.page)}`];
    if (card.pdf) links.push(`${this.texts.calendar_pdf} ${this.absolute(card.pdf)}`);
    return [this.kinds.get(card.kind) || card.kind, ...phases, "", ...links, ...attached].join("\n");
  }

  // The share link's fragment, with literal ',' ':' '.' and '~' as the contract writes them.
  fragment() {
    const s = this.state;
    const token = (item) => [`${item.key}.${encodeURIComponent(item.id)}`, ...item.methods.map(encodeURIComponent)].join("~");
    const parts = [`plan=${s.plan}`, `rev=${s.rev}`, `next=${s.next}`, `lang=${this.catalogue.locale}`,
      `model=${encodeURIComponent(s.model)}`, `start=${isoDate(s.date)}T${clock(s.time)}`, `every=${s.every}`,
      `cards=${s.items.map(token).join(",")}`];
    if (s.gone.length) {
      parts.push(`gone=${s.gone.map((gone) => `${gone.key}.${encodeURIComponent(gone.id)}.${isoDate(gone.date)}T${clock(gone.time)}`).join(",")}`);
    }
    for (const item of s.items.filter((item) => item.name)) parts.push(`name${item.key}=${encodeURIComponent(item.name)}`);
    for (const item of s.items.filter((item) => item.at)) {
      parts.push(`at${item.key}=${isoDate(item.at.date)}T${clock(item.at.time)}`, ...(item.stay ? [`stay${item.key}=1`] : []));
    }
    if (s.place) parts.push(`place=${encodeURIComponent(s.place)}`);
    return parts.join("&");
  }

  fillFields() {
    this.field("date").value = isoDate(this.state.date);
    this.field("time").value = clock(this.state.time);
    this.field("every").value = String(this.state.every);
    this.field("place").value = this.state.place;
    for (const id of ["date", "time", "every"]) this.field(id).setAttribute("aria-invalid", "false");
  }

  // The "add" list: the model's cards grouped by meeting kind, then a meeting without a card.
  fillAddOptions() {
    const cards = this.catalogue.cards.filter((card) => card.model === this.state.model && !this.catalogue.attach_kinds.includes(card.kind));
    const groups = this.catalogue.kinds.map((kind) => {
      const group = Object.assign(document.createElement("optgroup"), { label: kind.name });
      group.replaceChildren(...cards.filter((card) => card.kind === kind.id)
        .map((card) => new Option(`${card.title} (${card.minutes} ${this.catalogue.minutes})`, card.id)));
      return group;
    }).filter((group) => group.children.length);
    this.field("add").replaceChildren(...groups, new Option(this.texts.own_meeting, this.catalogue.own));
  }

  showProblems(problems) {
    this.part("problems").hidden = problems.length === 0;
    this.part("problem-list").replaceChildren(...problems.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  }

  copyLink() {
    return this.copyText(this.field("share"), "copied");
  }

  // Copies a field's text; when the browser refuses, selects it for the reader to copy.
  async copyText(field, done) {
    try {
      await navigator.clipboard.writeText(field.value);
      this.announce(done);
    } catch {
      field.focus();
      field.select();
      this.announce("copy_failed");
    }
  }

  // Said by the live region; emptied first, so the same message twice is said twice.
  announce(key, values = {}) {
    const status = this.part("status");
    status.textContent = "";
    setTimeout(() => (status.textContent = this.text(key, values)), 50);
  }

  formatWhen(meeting) {
    const date = meeting.date;
    return this.text("meeting_time", {
      weekday: this.texts.weekdays[weekday(date)], date: `${date.day}.${date.month}.${date.year}`,
      start: this.clock(meeting.start), end: this.clock(meeting.start + meeting.minutes),
    });
  }

  formatDate(date) {
    return `${this.texts.weekdays[weekday(date)]} ${date.day}.${date.month}.${date.year}`;
  }

  formatStart() {
    return `${this.formatDate(this.state.date)} ${this.clock(this.state.time)}`;
  }

  clock(minutes) {
    return clock(minutes, this.texts.time_separator);
  }

  // A meeting's title: its card's, or the name the organiser gave a meeting without a card.
  titleOf(item) {
    return item.id === this.catalogue.own ? item.name || this.texts.own_meeting : this.cards.get(item.id).title;
  }

  itemOf(li) {
    return li && this.state.items.find((item) => item.key === Number(li.dataset.key));
  }

  item(id, methods = []) {
    return { key: this.state.next++, id, methods, name: "", at: null, stay: false };
  }

  // A meeting as a proposal or the "add" list makes it: with the method cards its card uses.
  proposed(id) {
    const card = this.cards.get(id);
    const known = (method) => this.cards.has(method) && this.catalogue.attach_kinds.includes(this.cards.get(method).kind);
    return this.item(id, card ? (card.methods || []).filter(known) : []);
  }

  // A text of the language with its {placeholders} filled.
  text(key, values = {}) {
    return this.texts[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  absolute(address) {
    return new URL(address, this.base).href;
  }

  template(id) {
    return this.root.querySelector(`#${id}`).content.firstElementChild.cloneNode(true);
  }

  part(name) {
    return this.partOf(this.root, name);
  }

  partOf(element, name) {
    return element.querySelector(`[data-part="${name}"]`);
  }

  set(element, name, text) {
    this.partOf(element, name).textContent = text;
  }

  focus(selector) {
    const element = this.root.querySelector(selector);
    if (element) element.focus();
  }
}

// Titles made distinct for buttons' names: a title used twice gets the meeting's number.
function uniqueNames(titles) {
  return titles.map((title, index) => (titles.indexOf(title) !== titles.lastIndexOf(title) ? `${title} (${index + 1})` : title));
}

// Text from a link or a field: no control characters or line separators (tab and line breaks
// become spaces), at most `limit` whole characters (an emoji is never cut in half), and a lone
// surrogate half (which no address can carry) replaced.
function cleanText(value, limit) {
  const text = String(value).replace(/[\t\n\r]/g, " ").replace(CONTROLS, "").trim();
  return Array.from(text).slice(0, limit).join("").replace(/\p{Cs}/gu, "\uFFFD");
}

// A new plan's id: 16 random hexadecimal digits.
function newPlanId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// A cancelled meeting from the link ("<key>.<card id>.<YYYY-MM-DDTHH:MM>"), or null.
function parseGone(token) {
  const match = /^(\d{1,6})\.([a-z0-9_-]+)\.(.+)$/.exec(token);
  const start = match && parseStart(match[3]);
  return start ? { key: Number(match[1]), id: match[2], date: start.date, time: start.time } : null;
}

function wholeNumber(text) {
  return /^\d{1,9}$/.test(text || "") ? Number(text) : null;
}

function today() {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

async function start(root) {
  const fallback = document.querySelector(".planner-fallback");
  try {
    const response = await fetch(new URL(root.dataset.catalogue, location.href));
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    const planner = new Planner(root, await response.json(), response.url);
    if (fallback) fallback.hidden = true;
    document.body.classList.add("planner-page");
    // A link from before plans moved to the fragment (?model=...): moved there, off the query.
    const legacy = location.search.slice(1);
    if (PLAN_FRAGMENT.test(legacy)) history.replaceState(null, "", `${location.pathname}#${legacy}`);
    const fragment = location.hash.slice(1);
    planner.open(PLAN_FRAGMENT.test(fragment) ? fragment : "");
    document.documentElement.classList.remove("planner-expects-plan"); // the plan is drawn (planner-early.js)
    window.addEventListener("hashchange", () => planner.follow(location.hash.slice(1)));
  } catch (error) {
    document.documentElement.classList.remove("planner-expects-plan");
    root.querySelector('[data-part="load-failed"]').hidden = false;
    throw error;
  }
}

const root = document.getElementById("planner");
if (root) start(root);
