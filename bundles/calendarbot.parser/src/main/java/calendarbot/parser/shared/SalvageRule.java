package calendarbot.parser.shared;

/**
 * The parser's leniency, in one table: for each way real feeds get a property wrong, what the kiosk does with the
 * component (keeps it with the value repaired or ignored, or drops it) and how that is reported. The readers only
 * detect; {@link ParseProblems#apply} reports. A rule's name is what check-feed, /api/health and the tests show;
 * each has a test file named for what it shows (ical4j's relaxed modes and python-icalendar's compatibility tests
 * are the models). The ical4j engine reports what ical4j cannot read by the same rules.
 */
public enum SalvageRule {

    // RRULE: a broken rule costs the series, never the event
    RRULE_EMPTY("rrule-empty", Outcome.VALUE_IGNORED, "RRULE is empty; the event is shown once"),
    RRULE_WITHOUT_FREQ("rrule-without-freq", Outcome.VALUE_IGNORED,
            "RRULE has no valid FREQ; the event is shown once"),
    RRULE_JUNK_PARTS("rrule-junk-parts", Outcome.VALUE_REPAIRED,
            "RRULE parts that are not NAME=VALUE are left out; the rest of the rule is kept"),

    // DTSTART: without it there is nothing to show
    DTSTART_BAD("dtstart-bad", Outcome.COMPONENT_DROPPED, "DTSTART is not a date; the event is dropped"),
    DTSTART_MISSING("dtstart-missing", Outcome.COMPONENT_DROPPED, "no DTSTART; the event is dropped"),

    // DTEND and DURATION: a bad end costs the length, never the event
    DTEND_BAD("dtend-bad", Outcome.VALUE_IGNORED, "DTEND is not a date; the event gets the default length"),
    DTEND_BEFORE_DTSTART("dtend-before-dtstart", Outcome.VALUE_IGNORED,
            "DTEND before DTSTART; the event gets the default length"),
    DTEND_FLOATING("dtend-floating", Outcome.VALUE_REPAIRED,
            "DTEND without a zone next to a zoned DTSTART is read in DTSTART's zone"),
    DTEND_WITH_DURATION("dtend-with-duration", Outcome.VALUE_IGNORED, "DTEND and DURATION both given; DTEND wins"),
    ALL_DAY_ZERO_LENGTH("all-day-zero-length", Outcome.VALUE_REPAIRED,
            "all-day DTEND equal to DTSTART; shown as one day"),
    DURATION_BAD("duration-bad", Outcome.VALUE_IGNORED, "DURATION is malformed; the event gets the default length"),
    DURATION_NEGATIVE("duration-negative", Outcome.VALUE_IGNORED,
            "DURATION is negative; the event gets the default length"),
    DURATION_ABSURD("duration-absurd", Outcome.VALUE_IGNORED,
            "DURATION is longer than a year; the event gets the default length"),

    SEQUENCE_BAD("sequence-bad", Outcome.VALUE_IGNORED, "SEQUENCE is not a number; 0 is used"),

    // identity
    UID_MISSING("uid-missing", Outcome.VALUE_REPAIRED, "no UID; a stable one is made from DTSTART and SUMMARY"),
    RECURRENCE_ID_BAD("recurrence-id-bad", Outcome.COMPONENT_DROPPED,
            "RECURRENCE-ID is not a date, so no instance can be replaced; the override is dropped"),

    // RDATE and EXDATE: one bad value costs that value
    EXDATE_BAD("exdate-bad", Outcome.VALUE_IGNORED, "an EXDATE value is not a date; that value is ignored"),
    RDATE_BAD("rdate-bad", Outcome.VALUE_IGNORED, "an RDATE value is not a date or period; that value is ignored"),
    DATES_OVER_LIMIT("dates-over-limit", Outcome.VALUE_IGNORED,
            "too many RDATE/EXDATE values for one event; the rest are ignored"),

    // structure
    VEVENT_UNCLOSED("vevent-unclosed", Outcome.COMPONENT_DROPPED, "VEVENT not closed; the event is dropped"),

    // zones: never a silent fallback
    VTIMEZONE_WITHOUT_TZID("vtimezone-without-tzid", Outcome.VALUE_IGNORED, "VTIMEZONE without TZID is ignored"),
    VTIMEZONE_UNUSABLE("vtimezone-unusable", Outcome.VALUE_REPAIRED,
            "VTIMEZONE cannot be built; its times are shown in the fallback zone"),
    TZID_LENIENT("tzid-lenient", Outcome.VALUE_REPAIRED,
            "TZID matched leniently: a VTIMEZONE's name in other case or spacing, or a display name spelt otherwise"),
    TZID_BY_OFFSETS("tzid-by-offsets", Outcome.VALUE_REPAIRED,
            "VTIMEZONE names no known zone and its rules cannot be built; a zone with its offsets is used"),
    CALENDAR_ZONE_UNKNOWN("calendar-zone-unknown", Outcome.VALUE_IGNORED,
            "X-WR-TIMEZONE names no known zone; floating times and unknown TZIDs are shown in the kiosk's zone"),
    TZID_UNKNOWN("tzid-unknown", Outcome.VALUE_REPAIRED,
            "TZID is neither a known zone nor a usable VTIMEZONE; its times are shown in the fallback zone");

    /** What happens to the component. */
    public enum Outcome {
        /** The value is replaced by a better reading of it; the component is kept. */
        VALUE_REPAIRED,
        /** The value is left out (as if the feed had not written it); the component is kept. */
        VALUE_IGNORED,
        /** The component is not delivered. */
        COMPONENT_DROPPED
    }

    /** The name reported and shown, e.g. "rrule-empty". */
    public final String id;
    public final Outcome outcome;
    /** What was found and what the kiosk does, for a person. */
    public final String effect;

    SalvageRule(String id, Outcome outcome, String effect) {
        this.id = id;
        this.outcome = outcome;
        this.effect = effect;
    }

    public boolean dropsComponent() {
        return outcome == Outcome.COMPONENT_DROPPED;
    }
}
