// Calendar arithmetic and the iCalendar file (RFC 5545) of a meeting plan. Pure functions, no
// page access: planner.js uses them, and the browser tests may call them too.
//
// Every time is Helsinki local time. A date is {year, month, day}; a clock time is minutes from
// midnight. Days and months are added on the calendar (Date.UTC serves only as a calendar,
// where no day is 23 or 25 hours long), never as milliseconds on a local clock, so a series
// that crosses the change to or from summer time keeps its clock time. The file names that
// time zone (DTSTART;TZID=Europe/Helsinki) and defines it (VTIMEZONE: EET/EEST, changing on
// the last Sunday of March and of October), so calendar programs place each meeting right.

export function addDays(date, days) {
  return fromUtc(new Date(Date.UTC(date.year, date.month - 1, date.day + days)));
}

// The same day `months` later; the month's last day when it is shorter (31 Aug + 6 = 28/29 Feb).
export function addMonths(date, months) {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12), month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

// 0 for Monday ... 6 for Sunday.
export function weekday(date) {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

// Each meeting's date: the first on `start`; then `every` days after the one before, or, for a
// kind listed in `gaps` ({kind: months}), that many months after it, on the same weekday (the
// nearest such day). `fixed[i]`, when given, is a date the organiser chose for meeting i:
// the later meetings count from it, or with `stay` from the date it would have had.
export function meetingDates(kinds, start, every, gaps, fixed = []) {
  const dates = [];
  let before = null;
  kinds.forEach((kind, index) => {
    const planned = index === 0 ? start : gaps[kind] ? sameWeekdayNear(addMonths(before, gaps[kind]), before) : addDays(before, every);
    const moved = fixed[index];
    dates.push(moved ? moved.date : planned);
    before = moved && !moved.stay ? moved.date : planned;
  });
  return dates;
}

// The day nearest to `date` (at most three days off) that is the same weekday as `model`.
export function sameWeekdayNear(date, model) {
  const ahead = (weekday(model) - weekday(date) + 7) % 7;
  return addDays(date, ahead > 3 ? ahead - 7 : ahead);
}

// The years a plan may start in: calendar files need four-digit years, and no group plans
// further ahead.
export const FIRST_YEAR = 2000, LAST_YEAR = 2100;

// "2026-03-10T17:00" as {date, time}, or null when it is no real date and clock time, or its year
// is outside FIRST_YEAR-LAST_YEAR.
export function parseStart(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text || "");
  if (!match) return null;
  const [year, month, day, hours, minutes] = match.slice(1).map(Number);
  const real = year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return real && hours < 24 && minutes < 60 ? { date: { year, month, day }, time: hours * 60 + minutes } : null;
}

// Whether a clock time on a date falls in the hour Helsinki skips when clocks go forward (03:00
// to 04:00 on the last Sunday of March): calendar programs would show it an hour later.
export function inSpringGap(date, minutes) {
  return date.month === 3 && date.day > 24 && weekday(date) === 6 && minutes >= 180 && minutes < 240;
}

export function isoDate(date) {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

// A clock time as "HH:MM" (or with another separator); minutes past midnight wrap around.
export function clock(minutes, separator = ":") {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${pad(Math.floor(wrapped / 60))}${separator}${pad(wrapped % 60)}`;
}

// A short stable hash of a text (two 32-bit FNV-1a variants), for event UIDs.
export function hash(text) {
  let first = 0x811c9dc5, second = 0x9747b28c;
  for (const byte of new TextEncoder().encode(text)) {
    first = Math.imul(first ^ byte, 0x01000193) >>> 0;
    second = Math.imul(second ^ byte, 0x5bd1e995) >>> 0;
  }
  return first.toString(16).padStart(8, "0") + second.toString(16).padStart(8, "0");
}

const ZONE = "Europe/Helsinki";
const VTIMEZONE = [
  "BEGIN:VTIMEZONE", `TZID:${ZONE}`,
  "BEGIN:DAYLIGHT", "DTSTART:19700329T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300",
  "TZNAME:EEST", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "DTSTART:19701025T040000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200",
  "TZNAME:EET", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE",
];

// The calendar file's text. `events`: {uid, sequence, cancelled, date, start (minutes), minutes,
// summary, description, location, url}; `stamp`: a Date (DTSTAMP, in UTC). A calendar program
// keeps one event per UID and replaces it when a file brings a higher SEQUENCE; a cancelled
// event (STATUS:CANCELLED) with a higher SEQUENCE takes the meeting out (RFC 5545, 3.8.7.4 and
// 3.8.1.11).
export function calendar({ name, locale, stamp, events }) {
  const language = `LANGUAGE=${locale}`;
  const lines = [
    "BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//Vertaisryhmaopas//Suunnittelu//${locale.toUpperCase()}`,
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${ZONE}`,
    ...VTIMEZONE,
  ];
  for (const event of events) {
    const end = event.start + event.minutes;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `SEQUENCE:${event.sequence}`,
      `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
      `DTSTAMP:${utcStamp(stamp)}`,
      `DTSTART;TZID=${ZONE}:${localStamp(event.date, event.start)}`,
      `DTEND;TZID=${ZONE}:${localStamp(addDays(event.date, Math.floor(end / 1440)), end)}`,
      `SUMMARY;${language}:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION;${language}:${escapeText(event.location)}`] : []),
      ...(event.description ? [`DESCRIPTION;${language}:${escapeText(event.description)}`] : []),
      ...(event.url ? [`URL;VALUE=URI:${event.url}`] : []),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// Control characters (C0 but tab and line breaks, DEL, C1) and the Unicode line and paragraph
// separators: RFC 5545 allows none of them in TEXT, and some parsers split lines at them.
export const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;

// A TEXT value: controls left out; backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11).
export function escapeText(value) {
  return String(value).replace(CONTROLS, "")
    .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

// A content line folded so that no line is longer than 75 octets of UTF-8, never inside a
// character; each continuation line starts with one space (RFC 5545, 3.1).
export function fold(line) {
  const lines = [];
  let current = "", octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > 75) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join("\r\n");
}

function utf8Length(char) {
  const code = char.codePointAt(0);
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function localStamp(date, minutes) {
  return `${isoDate(date).replace(/-/g, "")}T${clock(minutes, "")}00`;
}

function utcStamp(moment) {
  return moment.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}

function fromUtc(moment) {
  return { year: moment.getUTCFullYear(), month: moment.getUTCMonth() + 1, day: moment.getUTCDate() };
}

function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(number) {
  return String(number).padStart(2, "0");
}
