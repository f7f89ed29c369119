package calendarbot.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
 * Gives the Felix web console real credentials. Configured ones win; with none, a random password is made at
 * first start, kept hashed in this configuration and in clear in {@code data/console-password} (owner-only),
 * and printed once. The console itself is never reachable with admin/admin: the launcher starts it locked.
 */
@Component(configurationPid = ConsoleCredentials.PID, immediate = true, service = {})
@Designate(ocd = ConsoleCredentials.Config.class)
public class ConsoleCredentials {
    static final String PID = "calendarbot.console";
    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    static final String PASSWORD_FILE = "console-password";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCredentials.class);

    @ObjectClassDefinition(name = "CalendarBot web console access",
            description = "Who may open /system/console. Leave both passwords empty to have one generated "
                    + "(see data/console-password).")
    public @interface Config {
        @AttributeDefinition(name = "User name", description = "User name for the web console.")
        String username() default "admin";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "Password in clear; stored hashed in the console's configuration.")
        String password() default "";

        @AttributeDefinition(name = "Password hash", required = false,
                description = "{sha-256}Base64 hash of the password; written here when a password is generated.")
        String passwordHash() default "";
    }

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private Path dataDir;

    @Activate
    @Modified
    void apply(Config config, BundleContext context) throws IOException {
        dataDir = dataDir(context);
        if (!consoleInstalled(context)) {
            LOG.debug("no web console in this profile; nothing to secure");
            return;
        }
        String user = config.username() == null || config.username().isBlank() ? "admin" : config.username().trim();
        String hash;
        if (!config.password().isEmpty()) {
            hash = hash(config.password());
        } else if (!config.passwordHash().isBlank()) {
            hash = config.passwordHash().trim();
        } else {
            String generated = generatePassword();
            hash = hash(generated);
            writePasswordFile(generated);
            // on the console (a person starting it, or the journal) once; never into the log file, which outlives it
            System.out.println("calendarbot: web console user '" + user + "', generated password: " + generated);
            LOG.warn("Web console: no credentials configured; generated a password for user '{}', printed once on the "
                    + "console and kept in {} (readable by its owner only)", user, dataDir.resolve(PASSWORD_FILE));
            storeHash(user, hash);
        }
        pushToConsole(user, hash);
    }

    static Path dataDir(BundleContext context) {
        String data = context.getProperty("calendarbot.data");
        return Paths.get(data == null ? "data" : data);
    }

    private static boolean consoleInstalled(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if ("org.apache.felix.webconsole".equals(b.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    static String hash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return "{sha-256}" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    static String generatePassword() {
        final String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private void writePasswordFile(String password) throws IOException {
        Files.createDirectories(dataDir);
        Path target = dataDir.resolve(PASSWORD_FILE);
        Path tmp = dataDir.resolve(PASSWORD_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void storeHash(String user, String hash) throws IOException {
        Configuration own = configurationAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> props = own.getProperties();
        Hashtable<String, Object> updated = copy(props);
        updated.put("username", user);
        updated.put("passwordHash", hash);
        own.update(updated);
    }

    private static Hashtable<String, Object> copy(Dictionary<String, Object> props) {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (props != null) {
            for (var keys = props.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                copy.put(k, props.get(k));
            }
        }
        return copy;
    }

    private void pushToConsole(String user, String hash) throws IOException {
        Configuration console = configurationAdmin.getConfiguration(CONSOLE_PID, "?");
        Dictionary<String, Object> props = console.getProperties();
        Hashtable<String, Object> updated = copy(props);
        if (Objects.equals(updated.get("username"), user) && Objects.equals(updated.get("password"), hash)) {
            return;
        }
        updated.put("username", user);
        updated.put("password", hash);
        updated.putIfAbsent("manager.root", "/system/console");
        console.update(updated);
        LOG.info("Web console at /system/console: user '{}'", user);
    }
}
