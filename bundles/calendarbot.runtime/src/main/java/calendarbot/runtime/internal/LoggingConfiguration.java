package calendarbot.runtime.internal;

import calendarbot.logging.LogSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies configuration {@code calendarbot.logging} to the SLF4J provider at once, without a restart. */
@Component(configurationPid = LoggingConfiguration.PID, immediate = true, service = {})
@Designate(ocd = LoggingConfiguration.Config.class)
public class LoggingConfiguration {
    static final String PID = "calendarbot.logging";
    private static final Logger LOG = LoggerFactory.getLogger(LoggingConfiguration.class);

    @ObjectClassDefinition(name = "CalendarBot logging",
            description = "Log levels per package, the rotating log file in data/logs and the lines' format.")
    public @interface Config {
        @AttributeDefinition(name = "Default level", description = "TRACE, DEBUG, INFO, WARN, ERROR or OFF.")
        String rootLevel() default "INFO";

        @AttributeDefinition(name = "Levels per package",
                description = "Entries 'package=LEVEL', e.g. 'calendarbot.fetcher=DEBUG' or 'org.eclipse.jetty=WARN'.")
        String[] levels() default {"org.eclipse.jetty=WARN"};

        @AttributeDefinition(name = "File size (bytes)", description = "The log file is rotated at this size.",
                min = "16384")
        long maxFileBytes() default 1048576;

        @AttributeDefinition(name = "Files kept", description = "Rotated files kept (calendarbot.log.1 ...).",
                min = "1", max = "50")
        int maxFiles() default 5;

        @AttributeDefinition(name = "Format", description = "text for people; json for one JSON object per line "
                + "(time, level, logger, thread, message, and a refresh's source, outcome and phase times) to ship "
                + "from journald.", options = {
                        @Option(label = "Text", value = "text"),
                        @Option(label = "JSON, one object per line", value = "json") })
        String format() default "text";
    }

    @Activate
    @Modified
    void apply(Config config, BundleContext context) {
        Map<String, String> levels = parseLevels(config.levels());
        Path dir = DataFolder.of(context).resolve("logs");
        LogSettings.apply(config.rootLevel(), levels, dir, config.maxFileBytes(), config.maxFiles(), config.format());
        LOG.info("Logging: default {}, {} package level(s), {} lines, file {}", config.rootLevel(), levels.size(),
                config.format(), LogSettings.currentFile());
    }

    static Map<String, String> parseLevels(String[] entries) {
        Map<String, String> levels = new LinkedHashMap<>();
        if (entries == null) {
            return levels;
        }
        for (String entry : entries) {
            for (String part : entry.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    levels.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                } else if (!part.isBlank()) {
                    LOG.warn("Logging: ignoring '{}' (expected package=LEVEL)", part.trim());
                }
            }
        }
        return levels;
    }
}
