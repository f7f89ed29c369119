package calendarbot.api;

/**
 * Another iCalendar parser the kiosk's {@link IcsParser} hands feeds to when its configuration names this engine
 * ({@code calendarbot.parser: parser = ical4j}). Registered under this interface only, so that consumers of
 * {@link IcsParser} always get the configured choice, never an engine by accident.
 */
public interface IcsParserEngine extends IcsParser {

    /** The service property with {@link #name()}, so that an engine is chosen without being activated. */
    String NAME_PROPERTY = "calendarbot.parser.engine";

    /** The name the parser's configuration chooses this engine by, e.g. "ical4j". */
    String name();
}
