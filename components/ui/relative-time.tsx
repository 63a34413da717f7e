import { formatRelativeTime, formatUtc } from "@/lib/format/time";

/** "5 minutes ago", with the exact UTC time on hover and in the markup. */
export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)}>
      {formatRelativeTime(date, now)}
    </time>
  );
}
