package calendarbot.console.page.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A calendar added from the console: a {@code calendarbot.source} factory configuration named after it, which
 * calendarbot.runtime writes into the user's configuration folder (calendarbot.source-&lt;name&gt;.config), so it is a
 * file like every other calendar and survives restarts and upgrades.
 */
final class NewCalendar {

    static final String FACTORY = "calendarbot.source";
    private static final Set<String> SCHEMES = Set.of("https", "http", "webcal", "webcals", "file");

    /** An HTTP status and what to tell the person. */
    record Result(int status, String message) {
    }

    private final ConfigurationAdmin configurationAdmin;

    NewCalendar(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    Result add(String name, String url) {
        if (configurationAdmin == null) {
            return new Result(503, "Config Admin is not running");
        }
        String id = configName(name);
        if (id.isEmpty()) {
            return new Result(400, "give the calendar a name (letters or digits)");
        }
        String problem = urlProblem(url);
        if (problem != null) {
            return new Result(400, problem);
        }
        try {
            Configuration config = configurationAdmin.getFactoryConfiguration(FACTORY, id, "?");
            if (config.getProperties() != null) {
                return new Result(409, "there is a calendar named '" + id + "' already");
            }
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("name", name.trim());
            props.put("url", url.trim());
            config.update(props);
            return new Result(201, name.trim() + " added; its first fetch starts now");
        } catch (IOException | RuntimeException e) {
            return new Result(500, "the calendar could not be added: " + e.getMessage());
        }
    }

    /**
     * Lower-case ASCII letters, digits and underscores: the configuration's name is its file's
     * (calendarbot.source-team_a.config, written by calendarbot.runtime), so that FileInstall, reading the file at the
     * next start, finds this same configuration ("-" would split the name, other characters are replaced).
     */
    static String configName(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return slug.length() > 64 ? slug.substring(0, 64) : slug;
    }

    /** Never repeats the URL: a published calendar's URL is its secret. */
    static String urlProblem(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !SCHEMES.contains(scheme)) {
                return "the calendar URL must start with https://, http://, webcal://, webcals:// or file:";
            }
            if (!scheme.equals("file") && uri.getHost() == null) {
                return "the calendar URL has no host name";
            }
            return null;
        } catch (URISyntaxException e) {
            return "the calendar URL is not valid (" + e.getReason() + ")";
        }
    }
}
