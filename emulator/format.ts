/** Date helpers shared by the emulator's services: Java SimpleDateFormat patterns as Utilities.formatDate takes them. */

interface Parts { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number }

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zonedParts(date: Date, timeZone: string): Parts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(p.year), month: Number(p.month), day: Number(p.day),
    hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second), weekday: weekdays.indexOf(p.weekday ?? 'Sun'),
  };
}

/** The instant at which the wall-clock time in `timeZone` is the given one. */
export function zonedDate(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  let t = guess;
  for (let i = 0; i < 3; i++) {
    const p = zonedParts(new Date(t), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    t += guess - asUtc;
  }
  return new Date(t);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Formats like java.text.SimpleDateFormat (the subset Apps Script code uses): y M d H h m s S E a Z X and 'quoted' text. */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const p = zonedParts(date, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { out += "'"; i += 2; continue; }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) { out += c; i++; continue; }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y': out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'M': out += n >= 4 ? MONTHS_EN[p.month - 1] : n === 3 ? MONTHS_EN[p.month - 1]!.slice(0, 3) : pad(p.month, n); break;
      case 'd': out += pad(p.day, n); break;
      case 'H': out += pad(p.hour, n); break;
      case 'h': out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n); break;
      case 'm': out += pad(p.minute, n); break;
      case 's': out += pad(p.second, n); break;
      case 'S': out += pad(date.getUTCMilliseconds(), n); break;
      case 'E': out += n >= 4 ? DAYS_EN[p.weekday] : DAYS_EN[p.weekday]!.slice(0, 3); break;
      case 'u': out += String(p.weekday === 0 ? 7 : p.weekday); break;
      case 'a': out += p.hour < 12 ? 'AM' : 'PM'; break;
      case 'Z':
      case 'X': {
        const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
        const offset = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60000);
        const sign = offset >= 0 ? '+' : '-';
        const abs = Math.abs(offset);
        out += c === 'X' && n >= 3 ? `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}` : `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
        break;
      }
      default: throw new Error(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}
