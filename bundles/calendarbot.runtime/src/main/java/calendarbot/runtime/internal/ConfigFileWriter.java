package calendarbot.runtime.internal;

import calendarbot.api.SettingOrigins;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps configuration files the truth. A configuration that came from a file carries FileInstall's file marker; one
 * saved in the web console has lost it (the console drops it, which is also why FileInstall's own write-back stops
 * working, so the launcher turns that off). This listener writes every CalendarBot (and console) configuration
 * without the marker into the user's configuration folder ({@code --config DIR}, default {@code data/configs}),
 * which FileInstall reads after the profile's own, so the change survives restarts and upgrades. Configurations made
 * for the CALENDARBOT_* variables are left alone until someone adds a value of their own to one.
 */
@Component(immediate = true)
public class ConfigFileWriter implements ConfigurationListener {
    static final String FILE_MARKER = "felix.fileinstall.filename";
    static final String WEB_CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWriter.class);
    private static final Set<String> NOT_WRITTEN = Set.of("service.pid", "service.factoryPid", FILE_MARKER,
            "service.bundleLocation", SettingOrigins.MADE_BY);

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private Path folder;

    @Activate
    void activate(BundleContext context) {
        String extra = context.getProperty("calendarbot.config.extra");
        folder = extra != null ? Paths.get(extra) : DataFolder.of(context).resolve("configs");
    }

    static boolean managed(String pid) {
        return pid != null && (pid.startsWith("calendarbot.") || pid.equals(WEB_CONSOLE_PID));
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        String factoryPid = event.getFactoryPid();
        if (!managed(factoryPid != null ? factoryPid : pid)) {
            return;
        }
        try {
            if (event.getType() == ConfigurationEvent.CM_DELETED) {
                Files.deleteIfExists(folder.resolve(fileName(pid, factoryPid)));
                return;
            }
            if (event.getType() != ConfigurationEvent.CM_UPDATED) {
                return;
            }
            Configuration config = configurationAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> props = config.getProperties();
            if (props == null || props.get(FILE_MARKER) != null) {
                return; // it came from a file: the file already says it
            }
            if (SettingOrigins.madeForVariablesOnly(props)) {
                return; // made for a CALENDARBOT_* variable: its values live in the environment, not in a file
            }
            Path file = folder.resolve(fileName(pid, factoryPid));
            String text = render(props);
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return;
            }
            Files.createDirectories(folder);
            Path tmp = folder.resolve("." + file.getFileName() + ".tmp");
            writeOwnerOnly(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Configuration {} saved to {}", pid, file);
            if (factoryPid != null && !pid.startsWith(factoryPid + "~")) {
                // FileInstall names factory configurations after their file; drop the console's unnamed twin.
                config.delete();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Configuration {} changed but could not be saved to {}: {} (the change holds until the "
                    + "next restart)", pid, folder, e.toString());
        }
    }

    /** A configuration can hold a feed's secret URL, a header's key or a password hash: the owner's eyes only. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String fileName(String pid, String factoryPid) {
        if (factoryPid == null) {
            return pid + ".config";
        }
        String name = pid.startsWith(factoryPid + "~") ? pid.substring(factoryPid.length() + 1)
                : pid.startsWith(factoryPid + ".") ? pid.substring(factoryPid.length() + 1) : pid;
        return factoryPid + "-" + name.replaceAll("[^A-Za-z0-9_.]", "_") + ".config";
    }

    /** Felix's typed {@code .config} format, so numbers, booleans and arrays keep their types. */
    static String render(Dictionary<String, Object> props) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (var keys = props.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (!NOT_WRITTEN.contains(k)) {
                sorted.put(k, props.get(k));
            }
        }
        StringBuilder s = new StringBuilder("# Written by CalendarBot when this configuration was changed at runtime.\n");
        sorted.forEach((k, v) -> s.append(k).append('=').append(value(v)).append('\n'));
        return s.toString();
    }

    private static String value(Object v) {
        if (v instanceof Collection<?> c) {
            List<String> items = new ArrayList<>();
            c.forEach(item -> items.add(value(item)));
            return "(" + String.join(",", items) + ")";
        }
        if (v.getClass().isArray()) {
            Class<?> component = v.getClass().getComponentType();
            StringBuilder s = new StringBuilder(typeCode(component)).append('[');
            for (int i = 0; i < Array.getLength(v); i++) {
                if (i > 0) {
                    s.append(',');
                }
                s.append(quote(String.valueOf(Array.get(v, i))));
            }
            return s.append(']').toString();
        }
        return typeCode(v.getClass()) + quote(String.valueOf(v));
    }

    private static String typeCode(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "I";
        }
        if (type == Long.class || type == long.class) {
            return "L";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "B";
        }
        if (type == Double.class || type == double.class) {
            return "D";
        }
        if (type == Float.class || type == float.class) {
            return "F";
        }
        if (type == Short.class || type == short.class) {
            return "S";
        }
        if (type == Byte.class || type == byte.class) {
            return "X";
        }
        if (type == Character.class || type == char.class) {
            return "C";
        }
        return "";
    }

    private static String quote(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"', '\\', '$', '{', '}' -> s.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
