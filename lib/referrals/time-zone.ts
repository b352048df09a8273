/**
 * Small time-zone helpers on Intl, so that service-level clocks and date filters follow
 * the practice's own calendar rather than the server's.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }

  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

export function wallClock(date: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );

  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: parts.weekday ?? '',
  };
}

/** How far the zone's wall clock is ahead of UTC at `date`, in milliseconds. */
function offsetMs(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** 'YYYY-MM-DDTHH:mm' (an HTML datetime-local value) read as wall time in `timeZone`. */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError('Expected YYYY-MM-DDTHH:mm');
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // Near a daylight-saving change the offset at the answer may differ from the guess's.
  const second = guess - offsetMs(new Date(first), timeZone);

  return new Date(second);
}

/** The date in `timeZone` as YYYY-MM-DD. */
export function zonedDate(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);

  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function isWeekend(date: Date, timeZone: string): boolean {
  const day = wallClock(date, timeZone).weekday;

  return day === 'Sat' || day === 'Sun';
}

/**
 * `days` working days after `start`, at the same wall time; Saturdays and Sundays do
 * not count. Public holidays are not known to the app and count as working days.
 */
export function addWorkingDays(start: Date, days: number, timeZone: string): Date {
  let at = start;
  let counted = 0;
  while (counted < days) {
    at = new Date(at.getTime() + 86_400_000);
    if (!isWeekend(at, timeZone)) counted += 1;
  }

  return at;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);

    return true;
  } catch {
    return false;
  }
}
