package calendarbot.parser.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a TZID as feeds write it into a zone of this JVM's tzdb: IANA ids (also case-folded, with a
 * leading "/", or behind a tzurl prefix such as "/mozilla.org/20050126_1/Europe/Berlin"), Windows zone
 * names ("W. Europe Standard Time") and Windows display names ("(UTC+01:00) Amsterdam, Berlin, ...").
 */
final class ZoneNames {

    /** How a name was recognised; shown in ParseReport.zones. */
    enum Kind {
        IANA("IANA"), WINDOWS("windows"), WINDOWS_DISPLAY("windows display name"),
        WINDOWS_DISPLAY_VARIANT("windows display name, matched leniently"), OFFSET("fixed offset");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A recognised name: the zone and the way it was found. */
    record Match(ZoneId zone, Kind kind) {
    }

    static final ZoneId UTC = ZoneId.of("UTC");

    private static final Set<String> AVAILABLE = ZoneId.getAvailableZoneIds();
    private static final Map<String, String> IANA_BY_LOWER_CASE = new HashMap<>();
    /** Windows name, lower case, to IANA id. */
    private static final Map<String, String> WINDOWS = new HashMap<>();
    /** The zones of the Windows names, in the table's order (by offset, the most used first). */
    private static final Set<String> WINDOWS_ZONES = new LinkedHashSet<>();
    /** Places part of a Windows display name, lower case, to IANA id. */
    private static final Map<String, String> WINDOWS_DISPLAY = new HashMap<>();
    /** The same names as words, for display names spelt otherwise. */
    private static final List<DisplayName> DISPLAY_NAMES = new ArrayList<>();
    /** Words of display names that name no place. */
    private static final Set<String> NOT_PLACES = Set.of("time", "standard", "us", "and", "is", "island", "islands",
            "old", "rtz", "the", "of", "coordinated", "universal", "utc", "gmt");
    /** When display names' "(UTC+01:00)" prefixes are compared with their zones' standard offsets. */
    private static final Instant OFFSETS_AT = Instant.parse("2025-01-15T00:00:00Z");

    /** One Windows display name as words, with its zone. */
    private record DisplayName(Set<String> words, String iana) {
        /**
         * Asked only of names that share words with the one looked for: the JVM keeps every zone's rules it ever
         * loaded (140 zones' transitions were 0.8 MB of a kiosk's heap for good).
         */
        int standardOffset() {
            return ZoneId.of(iana).getRules().getStandardOffset(OFFSETS_AT).getTotalSeconds();
        }
    }

    static {
        for (String id : AVAILABLE) {
            IANA_BY_LOWER_CASE.put(id.toLowerCase(Locale.ROOT), id);
        }
        Map<String, String> windowsByExactName = new HashMap<>();
        read("windows-zones.txt", (name, value) -> {
            String iana = firstAvailable(value);
            if (iana == null) {
                throw new IllegalStateException("windows-zones.txt: no zone of '" + value + "' in this JVM");
            }
            windowsByExactName.put(name, iana);
            WINDOWS.put(name.toLowerCase(Locale.ROOT), iana);
            WINDOWS_ZONES.add(iana);
        });
        read("windows-zone-display-names.txt", (places, windowsName) -> {
            String iana = windowsByExactName.get(windowsName);
            if (iana == null) {
                throw new IllegalStateException("windows-zone-display-names.txt: unknown Windows zone '"
                        + windowsName + "'");
            }
            WINDOWS_DISPLAY.put(places.toLowerCase(Locale.ROOT), iana);
            DISPLAY_NAMES.add(new DisplayName(words(places.toLowerCase(Locale.ROOT)), iana));
        });
    }

    private ZoneNames() {
    }

    /** The zones Windows names stand for, in the table's order. */
    static Set<String> windowsZones() {
        return Collections.unmodifiableSet(WINDOWS_ZONES);
    }

    /** Number of Windows names known (for tests). */
    static Map<String, String> windowsNames() {
        return Map.copyOf(WINDOWS);
    }

    /** The zone {@code tzid} names, or null when it is no name this JVM or the Windows tables know. */
    static Match resolve(String tzid) {
        if (tzid == null) {
            return null;
        }
        String s = tzid.trim();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (s.isEmpty()) {
            return null;
        }
        // Exchange writes "tzone://Microsoft/Utc" (and "tzone://Microsoft/Custom" for a custom VTIMEZONE).
        if (s.regionMatches(true, 0, "tzone://", 0, 8)) {
            s = s.substring(8);
        }
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        ZoneId iana = iana(s);
        if (iana != null) {
            return new Match(iana, Kind.IANA);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String windows = WINDOWS.get(lower);
        if (windows != null) {
            return new Match(ZoneId.of(windows), Kind.WINDOWS);
        }
        String display = WINDOWS_DISPLAY.get(displayPlaces(lower));
        if (display != null) {
            return new Match(ZoneId.of(display), Kind.WINDOWS_DISPLAY);
        }
        String variant = displayVariant(lower);
        if (variant != null) {
            return new Match(ZoneId.of(variant), Kind.WINDOWS_DISPLAY_VARIANT);
        }
        // tzurl-style prefixes: try every suffix after a '/', longest first.
        for (int slash = s.indexOf('/'); slash >= 0; slash = s.indexOf('/', slash + 1)) {
            ZoneId suffix = iana(s.substring(slash + 1));
            if (suffix != null) {
                return new Match(suffix, Kind.IANA);
            }
        }
        ZoneOffset offset = offset(s);
        return offset == null ? null : new Match(offset, Kind.OFFSET);
    }

    private static ZoneId iana(String s) {
        if (s.equalsIgnoreCase("UTC") || s.equalsIgnoreCase("Z") || s.equalsIgnoreCase("GMT")
                || s.equalsIgnoreCase("Etc/UTC") || s.equalsIgnoreCase("Etc/GMT") || s.equalsIgnoreCase("Utc")
                || s.equalsIgnoreCase("UT") || s.equalsIgnoreCase("Etc/Universal")
                || s.equalsIgnoreCase("Etc/Zulu") || s.equalsIgnoreCase("Universal")) {
            return UTC;
        }
        String id = AVAILABLE.contains(s) ? s : IANA_BY_LOWER_CASE.get(s.toLowerCase(Locale.ROOT));
        return id == null ? null : ZoneId.of(id);
    }

    /** "(UTC+01:00) Amsterdam, Berlin" to "amsterdam, berlin"; the input is lower case. */
    private static String displayPlaces(String lower) {
        if (lower.startsWith("(utc") || lower.startsWith("(gmt")) {
            int close = lower.indexOf(')');
            if (close > 0) {
                return lower.substring(close + 1).trim();
            }
        }
        return lower;
    }

    /**
     * A display name spelt otherwise than Windows' list ("(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien",
     * "Central Time (US and Canada)"): among the names whose zone has the prefix's offset, the one sharing the most
     * place words, if it is the only one; without a prefix (or none of that offset), one sharing at least half of all
     * words. Null when nothing is that close.
     */
    private static String displayVariant(String lower) {
        int close = lower.indexOf(')');
        boolean prefixed = (lower.startsWith("(utc") || lower.startsWith("(gmt")) && close > 0;
        Set<String> words = words(prefixed ? lower.substring(close + 1) : lower);
        if (words.isEmpty()) {
            return null;
        }
        if (prefixed) {
            String digits = lower.substring(4, close).trim();
            ZoneOffset offset = digits.isEmpty() ? ZoneOffset.UTC : offset("UTC" + digits);
            if (offset != null) {
                String best = null;
                int bestShared = 0;
                boolean tie = false;
                for (DisplayName d : DISPLAY_NAMES) {
                    int shared = shared(words, d.words);
                    if (shared == 0 || d.standardOffset() != offset.getTotalSeconds()) {
                        continue;
                    }
                    if (shared > bestShared) {
                        best = d.iana;
                        bestShared = shared;
                        tie = false;
                    } else if (shared == bestShared && shared > 0 && !d.iana.equals(best)) {
                        tie = true;
                    }
                }
                if (best != null && !tie) {
                    return best;
                }
            }
        }
        String best = null;
        double bestScore = 0.5;
        for (DisplayName d : DISPLAY_NAMES) {
            int shared = shared(words, d.words);
            double score = shared / (double) (words.size() + d.words.size() - shared);
            if (score >= bestScore) {
                best = score == bestScore && best != null && !best.equals(d.iana) ? null : d.iana;
                bestScore = score;
            }
        }
        return best;
    }

    private static int shared(Set<String> a, Set<String> b) {
        int n = 0;
        for (String w : a) {
            if (b.contains(w)) {
                n++;
            }
        }
        return n;
    }

    /** The place words of a lower-case display name: letters only, without words like "time" or "standard". */
    private static Set<String> words(String lower) {
        Set<String> words = new HashSet<>();
        for (String w : lower.split("[^\\p{L}]+")) {
            if (w.length() > 1 && !NOT_PLACES.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** "UTC+01:00", "GMT-5", "UTC+0530": a fixed offset, as some exporters write for zones without DST. */
    private static ZoneOffset offset(String s) {
        if (s.length() < 5 || !(s.regionMatches(true, 0, "UTC", 0, 3) || s.regionMatches(true, 0, "GMT", 0, 3))) {
            return null;
        }
        char sign = s.charAt(3);
        if (sign != '+' && sign != '-') {
            return null;
        }
        String digits = s.substring(4).replace(":", "");
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int hours = digits.length() <= 2 ? Integer.parseInt(digits) : Integer.parseInt(digits.substring(0, digits.length() - 2));
        int minutes = digits.length() <= 2 ? 0 : Integer.parseInt(digits.substring(digits.length() - 2));
        try {
            return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String firstAvailable(String alternatives) {
        for (String id : alternatives.trim().split("\\s+")) {
            if (AVAILABLE.contains(id)) {
                return id;
            }
        }
        return null;
    }

    private interface Entry {
        void accept(String key, String value);
    }

    private static void read(String resource, Entry entry) {
        try (InputStream in = ZoneNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.lastIndexOf(" = ");
                if (eq < 0) {
                    throw new IllegalStateException(resource + ": no ' = ' in '" + line + "'");
                }
                entry.accept(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
