package calendarbot.logging.internal;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A named logger whose level is looked up from the sink's current table (cached per table generation). */
final class KioskLogger extends AbstractLogger {
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
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
            Throwable throwable) {
        var formatted = MessageFormatter.basicArrayFormat(pattern, args);
        sink.write(level, name, formatted, throwable);
    }
}
