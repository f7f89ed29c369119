package calendarbot.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Command-line options of {@code bin/calendarbot}. */
public record LaunchOptions(Path home, String profile, int port, String host, Path data, Path extraConfig) {

    static final String USAGE = """
            usage: calendarbot [--port N] [--host ADDR] [--config DIR] [--data DIR]
                   calendarbot check-feed <file|url> [--now ISO] [--from DATE --to DATE] [--tz ZONE]
                                          [--max-per-rule N] [--format text|json|jsonl] [--config DIR] [--data DIR]
              --port N      HTTP port (default 8080, or $CALENDARBOT_PORT)
              --host ADDR   address to listen on (default: 127.0.0.1 in the pi profile, whose display is on the
                            same machine; 0.0.0.0 in the full profile; or $CALENDARBOT_WEB_HOST)
              --config DIR  an extra watched configuration folder, read after the profile's own
                            (default: <data>/configs)
              --data DIR    storage, feed archive, logs (default: <home>/data)""";

    public static LaunchOptions parse(String[] args, Path home) throws IOException {
        String profile = readProfile(home);
        int port = envInt("CALENDARBOT_PORT", 8080);
        String host = defaultHost(profile, System::getenv);
        Path data = null;
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = parsePort(value(args, ++i, a));
                case "--host" -> host = value(args, ++i, a);
                case "--data" -> data = Paths.get(value(args, ++i, a));
                case "--config" -> config = Paths.get(value(args, ++i, a));
                case "--profile" -> {
                    String wanted = value(args, ++i, a);
                    if (!wanted.equals(profile)) {
                        throw new IllegalArgumentException("this distribution is the '" + profile
                                + "' profile; run the calendarbot-" + wanted + " distribution instead");
                    }
                }
                case "-h", "--help" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        data = (data == null ? home.resolve("data") : data).toAbsolutePath().normalize();
        config = (config == null ? data.resolve("configs") : config).toAbsolutePath().normalize();
        return new LaunchOptions(home, profile, port, host, data, config);
    }

    /**
     * The pi profile drives a display on the same machine: nothing on the LAN needs to reach it (a skip, a refresh)
     * until its owner opens it with --host 0.0.0.0 or CALENDARBOT_WEB_HOST.
     */
    static String defaultHost(String profile, java.util.function.UnaryOperator<String> environment) {
        String configured = environment.apply("CALENDARBOT_WEB_HOST");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return "pi".equals(profile) ? "127.0.0.1" : "0.0.0.0";
    }

    private static String readProfile(Path home) throws IOException {
        Path file = home.resolve("profile");
        return Files.exists(file) ? Files.readString(file).trim() : "full";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            int port = Integer.parseInt(s);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port wants a number from 0 to 65535, not '" + s + "'");
        }
    }

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : parsePort(v.trim());
    }
}
