package calendarbot.rrule.internal;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/** Random but valid RRULEs of every shape, for comparing engines and for the throughput benchmark. */
final class RandomRules {

    static final String[] FREQS = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"};
    static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    private final Random random;

    RandomRules(long seed) {
        this.random = new Random(seed);
    }

    LocalDateTime dtstart(int fromYear, int toYear) {
        return LocalDateTime.of(fromYear + random.nextInt(toYear - fromYear + 1), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(24), random.nextInt(4) * 15, 0);
    }

    /** A rule of any shape RFC 5545 allows; UNTIL (floating) after {@code start} when {@code withEnd}. */
    String rule(LocalDateTime start, boolean withEnd) {
        int f = pick(new int[] {14, 18, 30, 22, 7, 6, 3});
        String freq = FREQS[f];
        List<String> parts = new ArrayList<>();
        parts.add("FREQ=" + freq);
        if (random.nextInt(3) == 0) {
            parts.add("INTERVAL=" + (2 + random.nextInt(3)));
        }
        if (withEnd) {
            if (random.nextBoolean()) {
                parts.add("COUNT=" + (1 + random.nextInt(40)));
            } else {
                LocalDateTime until = start.plusDays(random.nextInt(800)).plusHours(random.nextInt(24));
                parts.add(String.format("UNTIL=%04d%02d%02dT%02d%02d%02d", until.getYear(), until.getMonthValue(),
                        until.getDayOfMonth(), until.getHour(), until.getMinute(), until.getSecond()));
            }
        }
        boolean byWeekNo = f == 0 && random.nextInt(6) == 0;
        if (byWeekNo) {
            parts.add("BYWEEKNO=" + list(1 + random.nextInt(2), 53, true));
        }
        if (random.nextInt(4) == 0) {
            parts.add("BYMONTH=" + list(1 + random.nextInt(3), 12, false));
        }
        if ((f == 0 || f >= 4) && !byWeekNo && random.nextInt(8) == 0) {
            parts.add("BYYEARDAY=" + list(1 + random.nextInt(3), 366, true));
        }
        if (f != 2 && random.nextInt(4) == 0) {
            parts.add("BYMONTHDAY=" + list(1 + random.nextInt(3), random.nextInt(3) == 0 ? 31 : 28, true));
        }
        if (random.nextInt(2) == 0) {
            StringJoiner days = new StringJoiner(",");
            int n = 1 + random.nextInt(3);
            boolean ordinals = (f == 0 && !byWeekNo || f == 1) && random.nextBoolean();
            for (int i = 0; i < n; i++) {
                String day = DAYS[random.nextInt(7)];
                if (ordinals && random.nextBoolean()) {
                    int o = 1 + random.nextInt(f == 1 ? 4 : 20);
                    day = (random.nextBoolean() ? "-" : "") + o + day;
                }
                days.add(day);
            }
            parts.add("BYDAY=" + days);
        }
        if (random.nextInt(5) == 0) {
            parts.add("BYHOUR=" + list(1 + random.nextInt(3), 23, false, 0));
        }
        if (random.nextInt(6) == 0) {
            parts.add("BYMINUTE=" + list(1 + random.nextInt(2), 59, false, 0));
        }
        if (f >= 5 && random.nextInt(3) == 0) {
            parts.add("BYSECOND=" + list(1 + random.nextInt(2), 59, false, 0));
        }
        if (parts.stream().anyMatch(p -> p.startsWith("BY")) && random.nextInt(6) == 0) {
            parts.add("BYSETPOS=" + list(1 + random.nextInt(2), 4, true));
        }
        if (random.nextInt(3) == 0) {
            parts.add("WKST=" + DAYS[random.nextInt(7)]);
        }
        return String.join(";", parts);
    }

    private String list(int n, int max, boolean signed) {
        return list(n, max, signed, 1);
    }

    private String list(int n, int max, boolean signed, int min) {
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < n; i++) {
            int v = min + random.nextInt(max - min + 1);
            j.add((signed && random.nextInt(3) == 0 ? "-" : "") + v);
        }
        return j.toString();
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
