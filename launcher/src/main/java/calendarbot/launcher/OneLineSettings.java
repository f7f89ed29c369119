package calendarbot.launcher;

import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one-line configuration calendarbot_lite users know: {@code CALENDARBOT_*} variables from the environment and
 * from {@code calendarbot.env} / {@code .env} files in the configuration and data folders. The environment wins
 * over a file, an earlier file over a later one. Every value is checked here, before the framework starts, so a bad
 * one stops the start with one line naming the variable ({@link BadSetting}); the secrets (calendar URLs, the
 * bearer token) are never repeated in those lines.
 */
final class OneLineSettings {

    /** Where a value came from, as /api/status shows it. */
    static final String ENVIRONMENT = "environment";
    /** The framework property read by calendarbot.runtime's EnvironmentOverlay. */
    static final String PROPERTY = "calendarbot.environment";
    static final String ICS_URL = "CALENDARBOT_ICS_URL";
    static final String WEB_HOST = "CALENDARBOT_WEB_HOST";
    static final String WEB_PORT = "CALENDARBOT_WEB_PORT";
    /** The launcher's older name for the port; still read. */
    static final String LEGACY_PORT = "CALENDARBOT_PORT";
    static final String LOG_LEVEL = "CALENDARBOT_LOG_LEVEL";
    static final String SOURCE_FACTORY = "calendarbot.source";
    /** The profile's demo calendar, disabled as soon as a calendar comes from the environment. */
    static final String DEMO_PID = SOURCE_FACTORY + "~demo";

    /** Variables read by others (bin/calendarbot, calendarbot.kiosk): not warned about, not allowed in a file. */
    private static final Set<String> READ_ELSEWHERE = Set.of("CALENDARBOT_CDS", "CALENDARBOT_TEST_TIME");
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Z0-9][A-Z0-9_]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\[\\]-]+");
    private static final Set<String> SCHEMES = Set.of("https", "http", "webcal", "webcals", "file", "demo");

    /** A value that stops the start: the message names the variable and where it was set. */
    static final class BadSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadSetting(String message) {
            super(message);
        }
    }

    /**
     * One variable this kiosk knows and what it sets: a property of a configuration ({@code pid}), or, with a null
     * pid, the launcher's own host and port.
     */
    record Target(String variable, String pid, String property, String example) {
    }

    /**
     * A variable's value, checked and converted (a String, an Integer or a Boolean).
     *
     * @param origin {@link #ENVIRONMENT}, ".env &lt;file&gt;", "command line" or "default"
     */
    record Setting(Target target, Object value, String origin) {
    }

    static final List<Target> KNOWN = List.of(
            new Target(ICS_URL, SOURCE_FACTORY + "~default", "url", "https://outlook.office365.com/.../calendar.ics"),
            new Target(WEB_HOST, null, "host", "0.0.0.0"),
            new Target(WEB_PORT, null, "port", "8080"),
            new Target("CALENDARBOT_REFRESH_INTERVAL", "calendarbot.refresh", "intervalSeconds", "300"),
            new Target("CALENDARBOT_DEFAULT_TIMEZONE", "calendarbot.kiosk", "timeZone", "Europe/Berlin"),
            new Target(LOG_LEVEL, "calendarbot.logging", "rootLevel", "INFO"),
            new Target("CALENDARBOT_ALEXA_BEARER_TOKEN", "calendarbot.voice", "bearerToken", "a long random text"));

    private final Map<String, Setting> byVariable;
    private final List<String> warnings;

    private OneLineSettings(Map<String, Setting> byVariable, List<String> warnings) {
        this.byVariable = byVariable;
        this.warnings = warnings;
    }

    /** No variables at all (tests that build a framework without a launcher). */
    static OneLineSettings none() {
        return new OneLineSettings(new TreeMap<>(), List.of());
    }

    /** The files read, in order: the first that sets a variable wins. */
    static List<Path> files(Path configFolder, Path dataFolder) {
        List<Path> files = new ArrayList<>();
        for (Path folder : new Path[] {configFolder, dataFolder}) {
            for (String name : new String[] {"calendarbot.env", ".env"}) {
                Path file = folder.resolve(name).toAbsolutePath().normalize();
                if (!files.contains(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /**
     * Reads and checks every variable.
     *
     * @throws BadSetting for a bad value, an unknown variable in a file or a line that is not KEY=value
     */
    static OneLineSettings read(Map<String, String> environment, List<Path> files) throws IOException {
        Map<String, Setting> settings = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        // lowest precedence first: a later put replaces an earlier one
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            if (Files.isRegularFile(file)) {
                String origin = ".env " + file;
                for (Map.Entry<String, String> e : EnvFile.parse(file).entrySet()) {
                    if (!isSetting(e.getKey())) {
                        throw new BadSetting(file + ": " + e.getKey() + " is not a setting (known: " + knownNames()
                                + ")");
                    }
                    put(settings, e.getKey(), e.getValue(), origin);
                }
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("CALENDARBOT_")) {
                continue;
            }
            if (isSetting(name)) {
                put(settings, name, e.getValue(), ENVIRONMENT);
            } else if (!READ_ELSEWHERE.contains(name)) {
                warnings.add(name + " is not a setting CalendarBot knows (known: " + knownNames() + "); ignored");
            }
        }
        if (settings.containsKey(ICS_URL) && settings.containsKey(ICS_URL + "_DEFAULT")) {
            throw new BadSetting(ICS_URL + " and " + ICS_URL + "_DEFAULT both name the calendar 'default'; keep one");
        }
        return new OneLineSettings(settings, List.copyOf(warnings));
    }

    private static boolean isSetting(String name) {
        return target(name) != null || name.equals(LEGACY_PORT);
    }

    private static void put(Map<String, Setting> settings, String name, String raw, String origin) {
        if (raw == null || raw.isBlank()) {
            return; // VAR= is unset, as in a shell
        }
        String variable = name.equals(LEGACY_PORT) ? WEB_PORT : name;
        if (name.equals(LEGACY_PORT) && ENVIRONMENT.equals(origin(settings, WEB_PORT))) {
            return; // the new name wins over the old one
        }
        Target target = target(variable);
        String where = origin.equals(ENVIRONMENT) ? "" : " (in " + origin.substring(5) + ")";
        settings.put(variable, new Setting(target, check(target, name, raw.trim(), where), origin));
    }

    private static String origin(Map<String, Setting> settings, String variable) {
        Setting s = settings.get(variable);
        return s == null ? null : s.origin();
    }

    /** The target of a variable, a CALENDARBOT_ICS_URL_&lt;NAME&gt; included; null when unknown. */
    static Target target(String variable) {
        for (Target t : KNOWN) {
            if (t.variable().equals(variable)) {
                return t;
            }
        }
        if (variable.startsWith(ICS_URL + "_")) {
            String name = variable.substring(ICS_URL.length() + 1);
            if (SOURCE_NAME.matcher(name).matches()) {
                return new Target(variable, SOURCE_FACTORY + "~" + name.toLowerCase(Locale.ROOT), "url", null);
            }
        }
        return null;
    }

    private static Object check(Target target, String name, String value, String where) {
        String problem = switch (target.property()) {
            case "url" -> urlProblem(value);
            case "host" -> HOST.matcher(value).matches() ? null
                    : "'" + value + "' is not an address to listen on (e.g. 0.0.0.0, 127.0.0.1)";
            case "port" -> port(value) > 0 ? null : "'" + value + "' is not a port number (1 to 65535)";
            case "intervalSeconds" -> between(value, 30, 86_400) ? null
                    : "'" + value + "' is not a number of seconds from 30 to 86400";
            case "timeZone" -> zoneProblem(value);
            case "rootLevel" -> level(value) != null ? null
                    : "'" + value + "' is not a log level (TRACE, DEBUG, INFO, WARN, ERROR or OFF)";
            case "bearerToken" -> value.chars().anyMatch(Character::isWhitespace)
                    ? "the token must not contain spaces" : null;
            default -> null;
        };
        if (problem != null) {
            throw new BadSetting(name + where + ": " + problem);
        }
        return switch (target.property()) {
            case "port", "intervalSeconds" -> Integer.valueOf(value);
            case "rootLevel" -> level(value);
            default -> value;
        };
    }

    /** Never repeats the URL: a published calendar's URL is its secret. */
    static String urlProblem(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !SCHEMES.contains(scheme)) {
                return "the calendar URL must start with https://, http://, webcal://, webcals:// or file: (this "
                        + (scheme == null ? "value has no scheme" : "one starts with " + scheme + ":") + ")";
            }
            if (scheme.startsWith("http") || scheme.startsWith("webcal")) {
                if (uri.getHost() == null) {
                    return "the calendar URL has no host name after " + scheme + "://";
                }
            }
            return null;
        } catch (URISyntaxException e) {
            return "the calendar URL is not valid (" + e.getReason() + " at character " + e.getIndex() + ")";
        }
    }

    private static String zoneProblem(String value) {
        try {
            ZoneId.of(value);
            return null;
        } catch (DateTimeException e) {
            return "'" + value + "' is not a time zone (e.g. Europe/Berlin, America/New_York, UTC)";
        }
    }

    /** 1 to 65535, else -1. */
    static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            return port >= 1 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean between(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** calendarbot_lite's level names too (WARNING, CRITICAL); null when unknown. */
    static String level(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF" -> v;
            case "WARNING" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            default -> null;
        };
    }

    private static String knownNames() {
        List<String> names = new ArrayList<>();
        KNOWN.forEach(t -> names.add(t.variable()));
        names.add(1, ICS_URL + "_<NAME>");
        return String.join(", ", names);
    }

    /** The checked value of a variable, or null when it is not set. */
    Setting get(String variable) {
        return byVariable.get(variable);
    }

    /** Variables set in the environment that CalendarBot does not know: said at start, not fatal. */
    List<String> warnings() {
        return warnings;
    }

    /** True when at least one calendar comes from a variable (the demo calendar then steps aside). */
    boolean namesACalendar() {
        return byVariable.keySet().stream().anyMatch(v -> v.equals(ICS_URL) || v.startsWith(ICS_URL + "_"));
    }

    /**
     * Every known setting, set or not, and each calendar a variable names, in a stable order, with the launcher's
     * effective host and port: what calendarbot.runtime overlays on the configurations and /api/status shows.
     */
    List<Setting> all(Setting host, Setting port) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (Target t : KNOWN) {
            Setting s = t.variable().equals(WEB_HOST) ? host : t.variable().equals(WEB_PORT) ? port
                    : byVariable.get(t.variable());
            out.put(t.variable(), s != null ? s : new Setting(t, null, null));
        }
        byVariable.forEach((variable, s) -> out.putIfAbsent(variable, s));
        List<Setting> all = new ArrayList<>(out.values());
        if (namesACalendar()) {
            Setting reason = byVariable.get(ICS_URL) != null ? byVariable.get(ICS_URL)
                    : byVariable.values().stream().filter(s -> s.target().variable().startsWith(ICS_URL)).findFirst()
                            .orElseThrow();
            all.add(new Setting(new Target(reason.target().variable(), DEMO_PID, "enabled", null), Boolean.FALSE,
                    reason.origin()));
        }
        return all;
    }

    /**
     * The framework property {@link #PROPERTY} that hands the checked settings to calendarbot.runtime: one list of
     * {variable, pid, property, value, origin}, so nothing is read or checked twice.
     */
    static String transport(List<Setting> all) {
        JsonWriter w = new JsonWriter(1024).beginObject().name("settings").beginArray();
        for (Setting s : all) {
            w.beginObject().field("variable", s.target().variable()).field("pid", s.target().pid())
                    .field("property", s.target().property()).name("value").value(s.value())
                    .field("origin", s.origin()).endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** {@code KEY=value} lines; {@code #} comments, {@code export} and quotes as a shell would take them. */
    static final class EnvFile {
        private EnvFile() {
        }

        static Map<String, String> parse(Path file) throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).strip();
                }
                int eq = line.indexOf('=');
                String key = eq < 0 ? line : line.substring(0, eq).strip();
                if (eq <= 0 || !key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new BadSetting(file + " line " + (i + 1) + ": expected KEY=value");
                }
                values.put(key, unquote(line.substring(eq + 1).strip(), file, i + 1));
            }
            return values;
        }

        private static String unquote(String value, Path file, int line) {
            if (value.startsWith("\"") || value.startsWith("'")) {
                char quote = value.charAt(0);
                int end = value.indexOf(quote, 1);
                if (end < 0) {
                    throw new BadSetting(file + " line " + line + ": the value's closing " + quote + " is missing");
                }
                return value.substring(1, end);
            }
            int comment = value.indexOf(" #");
            return (comment < 0 ? value : value.substring(0, comment)).strip();
        }
    }
}
