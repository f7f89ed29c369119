/**
 * What both parsers decide alike: the salvage rules and their report, which end an event keeps, which link is the
 * meeting's, TEXT values. Private to calendarbot.parser; calendarbot.parser.ical4j embeds a copy at build time (bnd's
 * -conditionalpackage), so nothing imports it at run time.
 */
package calendarbot.parser.shared;
