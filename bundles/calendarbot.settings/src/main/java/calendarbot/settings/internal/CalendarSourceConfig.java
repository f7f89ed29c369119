package calendarbot.settings.internal;

import calendarbot.api.SourceDefinition;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceSpec.Auth;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One calendar feed, from a {@code calendarbot.source} factory configuration (a file
 * {@code calendarbot.source-work.cfg} with {@code url=...} adds one). A change is applied in place, so the
 * refresher sees an update of the same source rather than a removal and a new source.
 */
@Component(service = SourceDefinition.class, configurationPid = "calendarbot.source",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CalendarSourceConfig.Config.class, factory = true)
public final class CalendarSourceConfig implements SourceDefinition {

    static final String FACTORY_PID = "calendarbot.source";
    static final String DEFAULT_COLOUR = "#4a90d9";
    private static final Logger LOG = LoggerFactory.getLogger(CalendarSourceConfig.class);

    @ObjectClassDefinition(name = "CalendarBot calendar source",
            description = "One ICS feed shown on the kiosk; add one per calendar "
                    + "(a file calendarbot.source-<name>.cfg in the configs folder does the same).")
    public @interface Config {

        @AttributeDefinition(name = "Feed URL",
                description = "https, http, webcal, webcals or file URL of the ICS feed "
                        + "(Outlook: the published calendar's ICS link; Google: the secret address in iCal format).")
        String url();

        @AttributeDefinition(name = "Name", required = false,
                description = "Shown on the kiosk and in the health page; its lower-case form names the archived "
                        + "copy of the feed. Empty: the configuration's name (\"work\" for calendarbot.source-work.cfg).")
        String name() default "";

        @AttributeDefinition(name = "Colour", description = "CSS colour for layouts that colour events by source.")
        String colour() default DEFAULT_COLOUR;

        @AttributeDefinition(name = "Enabled", description = "A disabled source is neither fetched nor shown.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Authentication", description = "How the feed server wants to be authenticated; "
                + "most published calendars need none (the secret is in the URL).",
                options = {
                        @Option(label = "None", value = "none"),
                        @Option(label = "Basic (user and password)", value = "basic"),
                        @Option(label = "Bearer token", value = "bearer") })
        String authType() default "none";

        @AttributeDefinition(name = "User", required = false, description = "User name for Basic authentication.")
        String user() default "";

        @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
                description = "Password for Basic authentication.")
        String password() default "";

        @AttributeDefinition(name = "Token", required = false, type = AttributeType.PASSWORD,
                description = "Token for Bearer authentication.")
        String token() default "";

        @AttributeDefinition(name = "Extra headers", required = false,
                description = "Request headers sent with every fetch, one \"Name: value\" per entry.")
        String[] headers() default {};

        @AttributeDefinition(name = "Console name", description = "How the web console lists this source.")
        String webconsole_configurationFactory_nameHint() default "{name} — {url}";
    }

    private volatile SourceSpec spec;
    private volatile String configName;
    private volatile String problem;

    @Activate
    @Modified
    void configure(Config config, Map<String, Object> properties) {
        String ownName = configName(properties);
        String name = blankToNull(config.name());
        String displayName = name != null ? name : ownName;
        String id = SourceSpec.idOf(displayName);
        String colour = blankToNull(config.colour());

        URI url = null;
        String urlProblem = null;
        String rawUrl = blankToNull(config.url());
        if (rawUrl == null) {
            urlProblem = "no feed URL configured";
        } else {
            try {
                url = new URI(rawUrl);
                if (url.getScheme() == null) {
                    // not the URL itself: this text reaches the health page, and the URL holds the secret
                    urlProblem = "the feed URL must start with https://, http://, webcal:// or file:";
                    url = null;
                }
            } catch (URISyntaxException e) {
                urlProblem = "the feed URL is not valid (" + e.getReason() + " at character " + e.getIndex() + ")";
            }
        }
        if (urlProblem != null && config.enabled()) {
            LOG.error("{}: {}; check {}", id, urlProblem, properties.getOrDefault("felix.fileinstall.filename",
                    properties.getOrDefault("service.pid", FACTORY_PID)));
        }

        this.spec = new SourceSpec(id, displayName, url, colour == null ? DEFAULT_COLOUR : colour, config.enabled(),
                auth(config, id), headers(config.headers(), id));
        this.configName = ownName;
        this.problem = urlProblem;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String problem() {
        return problem;
    }

    private static Auth auth(Config config, String id) {
        String type = config.authType() == null ? "none" : config.authType().trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "basic":
                return new Auth(Auth.Type.BASIC, blankToNull(config.user()), config.password());
            case "bearer":
                return new Auth(Auth.Type.BEARER, null, config.token());
            case "none":
            case "":
                return Auth.NONE;
            default:
                LOG.warn("{}: unknown authType '{}', sending no credentials (use none, basic or bearer)", id, type);
                return Auth.NONE;
        }
    }

    static Map<String, String> headers(String[] lines, String id) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines == null) {
            return headers;
        }
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                LOG.warn("{}: ignoring header '{}' (write it as \"Name: value\")", id, line);
                continue;
            }
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return headers;
    }

    /**
     * The factory configuration's own name. FileInstall splits its file name at the first '-' (the part after it
     * names the configuration); a console-made configuration has only its PID, which Config Admin keeps across
     * restarts.
     */
    static String configName(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String base = file.toString();
            base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
            base = URLDecoder.decode(base.replace("+", "%2B"), StandardCharsets.UTF_8);
            int dot = base.lastIndexOf('.');
            if (dot > 0) {
                base = base.substring(0, dot);
            }
            int dash = base.indexOf('-');
            if (dash >= 0 && dash < base.length() - 1) {
                return base.substring(dash + 1);
            }
        }
        Object pid = properties.get("service.pid");
        if (pid != null) {
            String p = pid.toString();
            int tilde = p.indexOf('~'); // named factory configuration (Config Admin 1.6): calendarbot.source~work
            if (tilde >= 0 && tilde < p.length() - 1) {
                return p.substring(tilde + 1);
            }
            if (p.startsWith(FACTORY_PID + ".") && p.length() > FACTORY_PID.length() + 1) {
                return p.substring(FACTORY_PID.length() + 1);
            }
            return p;
        }
        return "source";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
