package calendarbot.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets into the Felix web console only who knows its password, and slows down whoever guesses. Configured
 * credentials win; with none, a random password is made at first start, kept hashed in this configuration and in
 * clear in {@code data/console-password} (owner-only), and printed once on the console. The launcher makes the web
 * console require this provider ({@code felix.webconsole.security.providers}), so without it the console stays shut.
 */
@Component(configurationPid = ConsoleLogin.PID, property = {
        SecurityProvider.PROPERTY_ID + "=" + ConsoleLogin.PROVIDER_ID,
        Constants.SERVICE_RANKING + ":Integer=1000"})
@Designate(ocd = ConsoleLogin.Config.class)
public class ConsoleLogin implements SecurityProvider {
    static final String PID = "calendarbot.console";
    static final String PROVIDER_ID = "calendarbot";
    static final String REALM = "CalendarBot console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogin.class);
    /** Enough for a household and a few guests; beyond it, new addresses share one account. */
    private static final int TRACKED_ADDRESSES = 256;
    /** Servlet 5 has no constant for it. */
    private static final int TOO_MANY_REQUESTS = 429;

    @ObjectClassDefinition(name = "CalendarBot web console access",
            description = "Who may open /system/console. Leave both passwords empty to have one generated "
                    + "(see data/console-password).")
    public @interface Config {
        @AttributeDefinition(name = "User name", description = "User name for the web console.")
        String username() default "admin";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "A new password in clear; it is replaced by its hash as soon as it is saved.")
        String password() default "";

        @AttributeDefinition(name = "Password hash", required = false, type = AttributeType.PASSWORD,
                description = "{sha-256}Base64 hash of the password; written here when a password is generated.")
        String passwordHash() default "";

        @AttributeDefinition(name = "Free failures", min = "1", max = "100",
                description = "Wrong passwords a client address may try before it must wait.")
        int failuresBeforeWait() default 5;

        @AttributeDefinition(name = "First wait (seconds)", min = "1", max = "3600",
                description = "How long an address waits after its first failure beyond the free ones; each further"
                        + " failure doubles it.")
        int firstWaitSeconds() default 1;

        @AttributeDefinition(name = "Longest wait (seconds)", min = "1", max = "86400",
                description = "The longest an address waits before its next attempt.")
        int longestWaitSeconds() default 300;
    }

    private record Credentials(byte[] user, byte[] hash) {
    }

    private final InstantSource time;
    private final ConfigurationAdmin configurationAdmin;
    private final Path dataDir;
    private volatile Credentials credentials;
    private volatile LoginThrottle throttle;

    @Activate
    public ConsoleLogin(@Reference InstantSource time, @Reference ConfigurationAdmin configurationAdmin,
            BundleContext context, Config config) throws IOException {
        this.time = time;
        this.configurationAdmin = configurationAdmin;
        String data = context.getProperty("calendarbot.data");
        this.dataDir = Paths.get(data == null ? "data" : data);
        configure(config);
    }

    @Modified
    void configure(Config config) throws IOException {
        String user = config.username() == null || config.username().isBlank() ? "admin" : config.username().trim();
        String hash;
        if (!config.password().isEmpty()) {
            hash = ConsolePassword.hash(config.password());
            replaceClearPassword(user, hash);
        } else if (!config.passwordHash().isBlank()) {
            hash = config.passwordHash().trim();
        } else {
            hash = generate(user);
        }
        int free = Math.max(1, config.failuresBeforeWait());
        Duration first = Duration.ofSeconds(Math.max(1, config.firstWaitSeconds()));
        Duration longest = Duration.ofSeconds(Math.max(1, config.longestWaitSeconds()));
        LoginThrottle t = throttle;
        if (t == null || !t.sameSettings(free, first, longest)) {
            throttle = new LoginThrottle(free, first, longest, TRACKED_ADDRESSES);
        }
        credentials = new Credentials(user.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
        LOG.info("Web console at /system/console: user '{}'", user);
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String address = request.getRemoteAddr();
        LoginThrottle t = throttle;
        Duration wait = t.waitBeforeAttempt(address, time.instant());
        if (!wait.isZero()) {
            refuse(response, TOO_MANY_REQUESTS, wait);
            return null;
        }
        String[] given = basicCredentials(request.getHeader("Authorization"));
        if (given == null) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, Duration.ZERO);
            return null;
        }
        Credentials c = credentials;
        // both compared whatever the first says, in time that does not depend on where they differ
        boolean userMatches = MessageDigest.isEqual(c.user(), given[0].getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(c.hash(),
                ConsolePassword.hash(given[1]).getBytes(StandardCharsets.UTF_8));
        if (userMatches & passwordMatches) {
            t.succeeded(address);
            return given[0];
        }
        Duration nowWait = t.failed(address, time.instant());
        if (!nowWait.isZero()) {
            LOG.warn("Web console: wrong user name or password from {}; its next attempt waits {} s", address,
                    nowWait.toSeconds());
        }
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, nowWait);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic authentication has no session to end; the browser forgets it when it closes
    }

    /** User and password from a Basic Authorization header, or null when there is none or it is not Basic. */
    static String[] basicCredentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static void refuse(HttpServletResponse response, int status, Duration wait) {
        try {
            if (status == HttpServletResponse.SC_UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            if (!wait.isZero()) {
                response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            }
            response.sendError(status, status == HttpServletResponse.SC_UNAUTHORIZED ? "Log in to the console"
                    : "Too many wrong passwords; try again in " + Math.max(1, wait.toSeconds()) + " s");
        } catch (IOException | IllegalStateException gone) {
            // the client left or the response was already under way: nothing to tell it
        }
    }

    private String generate(String user) throws IOException {
        String generated = ConsolePassword.generate();
        String hash = ConsolePassword.hash(generated);
        // on the console (a person starting it, or the journal) once; never into the log file, which outlives it
        System.out.println("calendarbot: web console user '" + user + "', generated password: " + generated);
        try {
            Path file = ConsolePassword.write(dataDir, generated);
            LOG.warn("Web console: no credentials configured; generated a password for user '{}', printed once on the "
                    + "console and kept in {} (readable by its owner only)", user, file);
        } catch (IOException e) {
            LOG.warn("Web console: generated a password for user '{}', printed once on the console; it could not be "
                    + "kept in {} ({})", user, dataDir.resolve(ConsolePassword.FILE), e.toString());
        }
        store(user, hash);
        return hash;
    }

    /** A password typed into the console is kept only as its hash; one from a file stays the file owner's choice. */
    private void replaceClearPassword(String user, String hash) throws IOException {
        Configuration own = configurationAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> props = own.getProperties();
        if (props != null && props.get("felix.fileinstall.filename") == null) {
            store(user, hash);
        }
    }

    private void store(String user, String hash) throws IOException {
        Configuration own = configurationAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> updated = new Hashtable<>();
        Dictionary<String, Object> props = own.getProperties();
        if (props != null) {
            for (var keys = props.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                updated.put(k, props.get(k));
            }
        }
        updated.remove("password");
        updated.put("username", user);
        updated.put("passwordHash", hash);
        own.update(updated);
    }
}
