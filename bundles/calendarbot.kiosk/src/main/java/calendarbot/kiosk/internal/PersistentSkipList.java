package calendarbot.kiosk.internal;

import calendarbot.api.SkipList;
import calendarbot.json.JsonReader;
import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skipped meetings by occurrence id, kept in {@code <dataDir>/skipped.json} in calendarbot_lite's format
 * (an object of id to expiry instant). Writes go to a temporary file that is synced and renamed over the
 * old one, so a power cut on the Pi leaves either the old list or the new one.
 *
 * <p>Expiry is bookkeeping time, not the kiosk's clock: a skip made on a kiosk whose "now" is fixed still ends a
 * day later, and a skip file written by a real kiosk means the same on the next start.
 */
@Component(service = SkipList.class, configurationPid = KioskConfiguration.PID)
public class PersistentSkipList implements SkipList {

    static final String FILE_NAME = "skipped.json";
    /** More skips than anyone makes in a day; the soonest to expire goes first. */
    static final int MAX_ENTRIES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(PersistentSkipList.class);

    @Reference
    private InstantSource time;

    private final Map<String, Instant> skips = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private volatile Path file;
    private volatile Duration expiry = Duration.ofHours(24);
    private final int maxEntries;

    /** For Declarative Services. */
    public PersistentSkipList() {
        maxEntries = MAX_ENTRIES;
    }

    /** A skip list kept in {@code file}, loaded at once. */
    PersistentSkipList(Path file, InstantSource time, Duration expiry) {
        this(file, time, expiry, MAX_ENTRIES);
    }

    PersistentSkipList(Path file, InstantSource time, Duration expiry, int maxEntries) {
        this.maxEntries = maxEntries;
        this.time = time;
        this.expiry = expiry;
        this.file = file;
        load();
    }

    @Activate
    void activate(KioskConfiguration.Config config, BundleContext context) {
        expiry = Duration.ofHours(Math.max(1, config.skipExpiryHours()));
        file = dataDirectory(config.dataDir(), context == null ? key -> null : context::getProperty)
                .resolve(FILE_NAME);
        load();
    }

    @Modified
    void modified(KioskConfiguration.Config config, BundleContext context) {
        expiry = Duration.ofHours(Math.max(1, config.skipExpiryHours()));
        Path moved = dataDirectory(config.dataDir(), context == null ? key -> null : context::getProperty)
                .resolve(FILE_NAME);
        if (!moved.equals(file)) {
            file = moved;
            persist();
        }
    }

    /** The configured folder with {@code ${name}} replaced by framework properties; ./data when unset. */
    static Path dataDirectory(String configured, Function<String, String> frameworkProperty) {
        String value = configured == null || configured.isBlank() ? "${calendarbot.data}" : configured.trim();
        StringBuilder resolved = new StringBuilder();
        int at = 0;
        while (at < value.length()) {
            int open = value.indexOf("${", at);
            int close = open < 0 ? -1 : value.indexOf('}', open);
            if (open < 0 || close < 0) {
                resolved.append(value, at, value.length());
                break;
            }
            resolved.append(value, at, open);
            String replacement = frameworkProperty.apply(value.substring(open + 2, close));
            if (replacement == null) {
                return Paths.get("./data");
            }
            resolved.append(replacement);
            at = close + 1;
        }
        return Paths.get(resolved.toString());
    }

    @Override
    public boolean isSkipped(String occurrenceId) {
        Instant until = occurrenceId == null ? null : skips.get(occurrenceId);
        return until != null && until.isAfter(time.instant());
    }

    @Override
    public Instant skip(String occurrenceId) {
        if (occurrenceId == null || occurrenceId.isBlank()) {
            throw new IllegalArgumentException("a meeting id is needed");
        }
        Instant until = time.instant().plus(expiry);
        synchronized (writeLock) {
            dropExpired();
            skips.put(occurrenceId, until);
            while (skips.size() > maxEntries) {
                skips.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(soonest -> skips.remove(soonest.getKey()));
            }
            persist();
        }
        LOG.info("kiosk: skipped meeting {} until {}", occurrenceId, until);
        return until;
    }

    @Override
    public boolean unskip(String occurrenceId) {
        synchronized (writeLock) {
            if (occurrenceId == null || skips.remove(occurrenceId) == null) {
                return false;
            }
            persist();
        }
        LOG.info("kiosk: meeting {} is shown again", occurrenceId);
        return true;
    }

    @Override
    public int clear() {
        int count;
        synchronized (writeLock) {
            dropExpired();
            count = skips.size();
            skips.clear();
            persist();
        }
        LOG.info("kiosk: cleared {} skipped meetings", count);
        return count;
    }

    @Override
    public Map<String, Instant> skipped() {
        Instant now = time.instant();
        Map<String, Instant> result = new TreeMap<>();
        skips.forEach((id, until) -> {
            if (until.isAfter(now)) {
                result.put(id, until);
            }
        });
        return result;
    }

    private void dropExpired() {
        Instant now = time.instant();
        skips.values().removeIf(until -> !until.isAfter(now));
    }

    private void load() {
        Path from = file;
        String text;
        try {
            text = Files.readString(from, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("kiosk: cannot read the skip list {}: {}; starting with none", from, e.toString());
            return;
        }
        Map<String, Object> entries;
        try {
            entries = JsonReader.parseObject(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("kiosk: the skip list {} is damaged ({}); starting with none", from, e.getMessage());
            return;
        }
        Instant now = time.instant();
        entries.forEach((id, value) -> {
            try {
                Instant until = expiry(value);
                if (until.isAfter(now)) {
                    skips.put(id, until);
                }
            } catch (DateTimeParseException | ClassCastException e) {
                LOG.debug("kiosk: ignoring skip {} with unreadable expiry {}", id, value);
            }
        });
        if (skips.size() > maxEntries) {
            skips.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .limit(skips.size() - maxEntries).map(Map.Entry::getKey).toList().forEach(skips::remove);
        }
        LOG.info("kiosk: {} skipped meetings loaded from {}", skips.size(), from);
    }

    /** An expiry written as "...Z" or with an offset ("+00:00", calendarbot_lite's isoformat). */
    private static Instant expiry(Object value) {
        String text = (String) value;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** Called with the write lock held. A failure keeps the skips in memory and the old file on disk. */
    private void persist() {
        Path target = file;
        if (target == null) {
            return;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        skips.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> entries.put(e.getKey(), e.getValue().toString()));
        byte[] bytes = JsonWriter.write(entries).getBytes(StandardCharsets.UTF_8);
        Path temporary = target.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            LOG.warn("kiosk: could not save the skip list to {} ({}); the skips last until the next restart",
                    target, e.toString());
            try {
                if (Files.isRegularFile(temporary)) {
                    Files.delete(temporary);
                }
            } catch (IOException ignored) {
                // the next successful write truncates it
            }
        }
    }

    /** The rename itself is durable only once the folder is synced (ext4 on an SD card). */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible on every platform (Windows); the rename is still atomic
        }
    }
}
