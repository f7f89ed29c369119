package calendarbot.api;

import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Streams an iCalendar body into compact events, holding at most one VEVENT's properties at a time. */
public interface IcsParser {

    /**
     * Parses {@code in} to its end, handing every well-formed VEVENT to {@code sink}. Malformed
     * components are skipped and reported.
     *
     * @throws NotACalendarException when the body is not a complete calendar
     */
    ParseReport parse(InputStream in, ParseOptions options, Consumer<ParsedEvent> sink) throws IOException;
}
