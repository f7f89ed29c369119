package calendarbot.logging.internal;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * A named logger whose level is looked up from the sink's current table (cached per table generation). Events of the
 * fluent API arrive whole ({@link LoggingEventAware}), so the fields a caller attaches reach the JSON format instead of
 * being pasted into the message.
 */
final class KioskLogger extends AbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    private final transient LogSink sink;
    private transient volatile int generation = -1;
    private transient volatile int threshold;

    KioskLogger(String name, LogSink sink) {
        this.name = name;
        this.sink = sink;
    }

    private int threshold() {
        int g = sink.generation();
        if (g != generation) {
            threshold = sink.thresholdFor(name);
            generation = g;
        }
        return threshold;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public void log(LoggingEvent event) {
        if (!enabled(event.getLevel())) {
            return;
        }
        String message = MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray());
        List<KeyValuePair> fields = event.getKeyValuePairs();
        sink.write(event.getLevel(), name, message, event.getThrowable(), fields == null ? List.of() : fields);
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
            Throwable throwable) {
        var formatted = MessageFormatter.basicArrayFormat(pattern, args);
        sink.write(level, name, formatted, throwable);
    }
}
