package calendarbot.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of {@code bin/calendarbot}, and the one-line settings ({@code CALENDARBOT_*} in the
 * environment or a {@code calendarbot.env} file) read with them. For the host and the port the command line wins
 * over the environment, the environment over a file.
 */
public record LaunchOptions(Path home, String profile, int port, String host, Path data, Path extraConfig,
        OneLineSettings settings, String hostOrigin, String portOrigin) {

    static final String COMMAND_LINE = "command line";
    static final String DEFAULT = "default";

    /** Options without one-line settings (a framework built by a test). */
    public LaunchOptions(Path home, String profile, int port, String host, Path data, Path extraConfig) {
        this(home, profile, port, host, data, extraConfig, OneLineSettings.none(), DEFAULT, DEFAULT);
    }

    static final String USAGE = """
            usage: calendarbot [--port N] [--host ADDR] [--config DIR] [--data DIR]
                   calendarbot check-feed [<file|url>] [--now ISO] [--from DATE --to DATE] [--tz ZONE]
                                          [--max-per-rule N] [--format text|json|jsonl] [--config DIR] [--data DIR]
              --port N      HTTP port (default 8080, or $CALENDARBOT_WEB_PORT)
              --host ADDR   address to listen on (default: 127.0.0.1 in the pi profile, whose display is on the
                            same machine; 0.0.0.0 in the full profile; or $CALENDARBOT_WEB_HOST)
              --config DIR  an extra watched configuration folder, read after the profile's own
                            (default: <data>/configs)
              --data DIR    storage, feed archive, logs (default: <home>/data)""";

    public static LaunchOptions parse(String[] args, Path home) throws IOException {
        return parse(args, home, System.getenv());
    }

    /**
     * @throws OneLineSettings.BadSetting for a bad CALENDARBOT_* value (exit 2, without the usage text)
     * @throws IllegalArgumentException for a bad option
     */
    static LaunchOptions parse(String[] args, Path home, Map<String, String> environment) throws IOException {
        String profile = readProfile(home);
        Integer port = null;
        String host = null;
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
        OneLineSettings settings = OneLineSettings.read(environment, OneLineSettings.files(config, data));
        OneLineSettings.Setting fromHost = settings.get(OneLineSettings.WEB_HOST);
        OneLineSettings.Setting fromPort = settings.get(OneLineSettings.WEB_PORT);
        String hostOrigin = host != null ? COMMAND_LINE : fromHost != null ? fromHost.origin() : DEFAULT;
        String portOrigin = port != null ? COMMAND_LINE : fromPort != null ? fromPort.origin() : DEFAULT;
        if (host == null) {
            host = fromHost != null ? (String) fromHost.value() : defaultHost(profile);
        }
        if (port == null) {
            port = fromPort != null ? (Integer) fromPort.value() : 8080;
        }
        return new LaunchOptions(home, profile, port, host, data, config, settings, hostOrigin, portOrigin);
    }

    /** Every one-line setting with its effective value and origin, host and port included. */
    List<OneLineSettings.Setting> effectiveSettings() {
        return settings.all(
                new OneLineSettings.Setting(OneLineSettings.target(OneLineSettings.WEB_HOST), host, hostOrigin),
                new OneLineSettings.Setting(OneLineSettings.target(OneLineSettings.WEB_PORT), port, portOrigin));
    }

    /**
     * The pi profile drives a display on the same machine: nothing on the LAN needs to reach it (a skip, a refresh)
     * until its owner opens it with --host 0.0.0.0 or CALENDARBOT_WEB_HOST=0.0.0.0.
     */
    static String defaultHost(String profile) {
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
        int port = OneLineSettings.port(s);
        if (port < 0) {
            throw new IllegalArgumentException("--port wants a number from 1 to 65535, not '" + s + "'");
        }
        return port;
    }
}
