package calendarbot.rrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.EventBuilder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.junit.jupiter.api.Test;

/**
 * Our engine against lib-recur (which agrees with python-dateutil, rrule.js and ical.js on real-world rules)
 * on a few hundred random rules of every shape, with a fixed seed so a failure repeats.
 */
class AgainstLibRecurTest {

    private static final int RULES = Integer.getInteger("oracle.rules", 600);
    private static final int INSTANCES = 60;
    private static final long END = LocalDateTime.of(2040, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    static List<LocalDateTime> ours(String rule, LocalDateTime start, int max) throws Exception {
        RecurrenceRule parsed = RecurrenceRule.parse(rule);
        RuleIterator it = new RuleIterator(parsed, start.toEpochSecond(ZoneOffset.UTC), 10_000_000,
                System.nanoTime() + 10_000_000_000L);
        long until = parsed.until == null ? Long.MAX_VALUE : parsed.until.toEpochSecond(ZoneOffset.UTC);
        List<LocalDateTime> out = new ArrayList<>();
        long v;
        while (out.size() < max && (v = it.next()) != RuleIterator.DONE && v < END && v <= until) {
            out.add(LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC));
        }
        return out;
    }

    static List<LocalDateTime> libRecur(String rule, LocalDateTime start, int max) throws Exception {
        var r = new org.dmfs.rfc5545.recur.RecurrenceRule(rule, RfcMode.RFC5545_STRICT);
        RecurrenceRuleIterator it = r.iterator(new DateTime(start.getYear(), start.getMonthValue() - 1,
                start.getDayOfMonth(), start.getHour(), start.getMinute(), start.getSecond()));
        List<LocalDateTime> out = new ArrayList<>();
        while (out.size() < max && it.hasNext()) {
            DateTime d = it.nextDateTime();
            LocalDateTime t = LocalDateTime.of(d.getYear(), d.getMonth() + 1, d.getDayOfMonth(), d.getHours(),
                    d.getMinutes(), d.getSeconds());
            if (t.toEpochSecond(ZoneOffset.UTC) >= END) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * Where lib-recur 0.17.1 disagrees with python-dateutil and with RFC 5545's examples (checked by hand):
     * BYSETPOS in a YEARLY rule's first year; BYYEARDAY=-n with HOURLY/MINUTELY/SECONDLY (one day early);
     * BYWEEKNO=53 in a year of 52 weeks and negative BYWEEKNO (both yield days of other weekdays); weeks that
     * straddle New Year.
     */
    static boolean knownLibRecurQuirk(String rule) {
        boolean subDaily = rule.contains("FREQ=HOURLY") || rule.contains("FREQ=MINUTELY") || rule.contains("FREQ=SECONDLY");
        return rule.contains("FREQ=YEARLY") && rule.contains("BYSETPOS")
                || subDaily && rule.matches(".*BYYEARDAY=[^;]*-.*")
                || rule.matches(".*BYWEEKNO=[^;]*(53|-).*");
    }

    /**
     * YEARLY;BYMONTHDAY=n without BYMONTH (or another day part): RFC 5545 3.3.10 expands BYMONTHDAY over the whole
     * year, as python-dateutil and libical do; lib-recur confines it to DTSTART's month.
     */
    static boolean yearlyByMonthDayOnly(String rule) {
        return rule.contains("FREQ=YEARLY") && rule.contains("BYMONTHDAY") && !rule.contains("BYMONTH=")
                && !rule.contains("BYWEEKNO") && !rule.contains("BYYEARDAY");
    }

    private static boolean nearNewYear(LocalDateTime t) {
        return t.getMonthValue() == 12 && t.getDayOfMonth() >= 25 || t.getMonthValue() == 1 && t.getDayOfMonth() <= 7;
    }

    @Test
    void randomRulesGiveTheSameInstancesAsLibRecur() throws Exception {
        RandomRules random = new RandomRules(Long.getLong("oracle.seed", 20240611L));
        int compared = 0, refused = 0, skippedQuirks = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            LocalDateTime start = random.dtstart(2015, 2024);
            String rule = random.rule(start, random.nextInt(2) == 0);
            List<LocalDateTime> expected;
            try {
                RecurrenceRule.parse(rule);
            } catch (RecurrenceRule.InvalidRuleException e) {
                refused++;
                continue;
            }
            try {
                expected = libRecur(rule, start, INSTANCES);
            } catch (IllegalStateException | IllegalArgumentException e) {
                refused++; // lib-recur gives up on rules that match nothing for too long
                continue;
            } catch (org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException e) {
                differences.add(rule + ": lib-recur refuses it (" + e.getMessage() + "), we accept it");
                continue;
            }
            if (yearlyByMonthDayOnly(rule)) {
                skippedQuirks++;
                continue;
            }
            List<LocalDateTime> actual = ours(rule, start, INSTANCES);
            // lib-recur always yields DTSTART first; RFC 5545 adds DTSTART to the set outside the rule
            if (!expected.isEmpty() && expected.get(0).equals(start) && !actual.contains(start)) {
                expected = expected.subList(1, expected.size());
                actual = actual.subList(0, Math.min(actual.size(), expected.size()));
            }
            if (knownLibRecurQuirk(rule)) {
                // lib-recur applies DTSTART before BYSETPOS in a YEARLY rule's first year; RFC 5545's own
                // "third instance" example and python-dateutil apply BYSETPOS to the whole period first
                int firstYear = start.getYear();
                expected = expected.stream().filter(t -> t.getYear() > firstYear).toList();
                actual = actual.stream().filter(t -> t.getYear() > firstYear).toList();
                int n = Math.min(expected.size(), actual.size());
                expected = expected.subList(0, n);
                actual = actual.subList(0, n);
                if (rule.contains("BYWEEKNO=") || rule.contains("BYYEARDAY=")) {
                    skippedQuirks++;
                    continue;
                }
            }
            if (rule.contains("BYWEEKNO=")) {
                // weeks that straddle New Year: lib-recur's week numbering there is not ISO 8601's
                expected = expected.stream().filter(t -> !nearNewYear(t)).toList();
                actual = actual.stream().filter(t -> !nearNewYear(t)).toList();
                int n = Math.min(expected.size(), actual.size());
                expected = expected.subList(0, n);
                actual = actual.subList(0, n);
            }
            compared++;
            if (!expected.equals(actual)) {
                differences.add(rule + " from " + start + "\n  lib-recur " + expected + "\n  ours      " + actual);
            }
        }
        assertTrue(compared > RULES * 0.75, "compared " + compared + ", refused " + refused + ", quirks "
                + skippedQuirks);
        assertEquals("", String.join("\n", differences.subList(0, Math.min(8, differences.size()))),
                differences.size() + " of " + compared + " rules differ");
    }

    /**
     * The whole expander (fast-forward, zones, DTSTART, window, cap) against lib-recur walking every rule
     * from DTSTART: the same instants inside a 13-month window, in zones with DST.
     */
    @Test
    void windowedExpansionInZonesMatchesLibRecurFromDtstart() throws Exception {
        RandomRules random = new RandomRules(Long.getLong("oracle.seed", 77L));
        java.time.ZoneId[] zones = {TestEvents.BERLIN, TestEvents.NEW_YORK, java.time.ZoneId.of("Australia/Sydney")};
        LocalDateTime from = LocalDateTime.of(2025, 3, 1, 0, 0), to = LocalDateTime.of(2026, 4, 1, 0, 0);
        int cap = 250, compared = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < RULES / 2; i++) {
            java.time.ZoneId zone = zones[i % zones.length];
            LocalDateTime start = random.dtstart(2015, 2025);
            String rule = random.rule(start, random.nextInt(3) == 0);
            if (rule.contains("SECONDLY") || rule.contains("MINUTELY") || knownLibRecurQuirk(rule)
                    || yearlyByMonthDayOnly(rule) || rule.contains("BYWEEKNO")) {
                continue;
            }
            try {
                RecurrenceRule.parse(rule);
            } catch (RecurrenceRule.InvalidRuleException e) {
                continue;
            }
            var window = TestEvents.window(from, to, zone, cap);
            long wFrom = window.from().getEpochSecond(), wTo = window.to().getEpochSecond();
            java.time.zone.ZoneRules rules = zone.getRules();
            java.util.TreeSet<Long> all = new java.util.TreeSet<>();
            all.add(calendarbot.api.model.EventTime.toInstant(start, rules).getEpochSecond());
            try {
                var r = new org.dmfs.rfc5545.recur.RecurrenceRule(rule, RfcMode.RFC5545_STRICT);
                RecurrenceRuleIterator it = r.iterator(new DateTime(start.getYear(), start.getMonthValue() - 1,
                        start.getDayOfMonth(), start.getHour(), start.getMinute(), start.getSecond()));
                int steps = 0;
                while (it.hasNext() && steps++ < 200_000) {
                    DateTime d = it.nextDateTime();
                    LocalDateTime t = LocalDateTime.of(d.getYear(), d.getMonth() + 1, d.getDayOfMonth(), d.getHours(),
                            d.getMinutes(), d.getSeconds());
                    long instant = calendarbot.api.model.EventTime.toInstant(t, rules).getEpochSecond();
                    if (instant >= wTo + 86_400) {
                        break;
                    }
                    all.add(instant);
                }
            } catch (RuntimeException e) {
                continue; // lib-recur gave up on a rule that matches nothing for years
            }
            List<Long> expected = all.stream().filter(t -> t < wTo && t + 1800 > wFrom).limit(cap).toList();
            var master = EventBuilder.event("r" + i).start(calendarbot.api.model.EventTime.of(start, zone))
                    .duration(java.time.Duration.ofMinutes(30)).rrule(rule).build();
            List<Long> actual = TestEvents.expand(window, master).occurrences().stream()
                    .map(o -> o.originalStart()).toList();
            compared++;
            if (!expected.equals(actual)) {
                differences.add(rule + " from " + start + " in " + zone + ": lib-recur " + expected.size()
                        + " instants, ours " + actual.size());
            }
        }
        assertTrue(compared > RULES / 4, "compared " + compared);
        assertEquals("", String.join("\n", differences.subList(0, Math.min(8, differences.size()))),
                differences.size() + " of " + compared + " rules differ");
    }
}
