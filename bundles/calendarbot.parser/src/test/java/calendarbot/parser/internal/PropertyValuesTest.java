package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PropertyValuesTest {

    final ContentLine cl = new ContentLine();
    final PropertyValues values = new PropertyValues(cl);

    /** Makes {@code line} the current line, parameters scanned. */
    private void line(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        cl.scanName(b, b.length);
        cl.scanParameters(false);
    }

    @Test
    void textIsUnescapedAndCutNeverInsideACharacter() {
        line("DESCRIPTION:Agenda\\nBudget\\, Q3\\; plan \uD83D\uDE00 end");
        assertEquals("Agenda\nBudget, Q3; plan \uD83D\uDE00 end", values.text(cl.valueStart, cl.length, 1000));
        assertEquals("Agenda\nBudget, Q3; plan ", values.text(cl.valueStart, cl.length, 24));
        assertEquals("Agenda\nBudget, Q3; plan ", values.text(cl.valueStart, cl.length, 25), "not half an emoji");
        assertEquals("Agenda\nBudget, Q3; plan \uD83D\uDE00", values.text(cl.valueStart, cl.length, 26));
    }

    @Test
    void repeatedValuesShareOneString() {
        line("ORGANIZER:mailto:boss@example.com");
        String first = values.pooledRaw(cl.valueStart, cl.length);
        line("ORGANIZER:mailto:boss@example.com");
        assertSame(first, values.pooledRaw(cl.valueStart, cl.length));
        line("LOCATION:Room\\, 4");
        String room = values.pooledText(cl.valueStart, cl.length);
        assertEquals("Room, 4", room);
        line("LOCATION:Room\\, 4");
        assertSame(room, values.pooledText(cl.valueStart, cl.length));
    }

    @Test
    void constantsAreUpperCasedAndKnownOnesShared() {
        String[] known = {"CONFIRMED", "TENTATIVE"};
        line("STATUS: tentative ");
        assertSame(known[1], values.constant(known));
        line("STATUS:postponed");
        assertEquals("POSTPONED", values.constant(known));
        line("STATUS:  ");
        assertNull(values.constant(known));
    }

    @Test
    void aBadIntegerIsMinusOne() {
        line("SEQUENCE:+12");
        assertEquals(12, values.integer(cl.valueStart, cl.length));
        line("SEQUENCE:twelve");
        assertEquals(-1, values.integer(cl.valueStart, cl.length));
        line("SEQUENCE:99999999999");
        assertEquals(-1, values.integer(cl.valueStart, cl.length));
    }

    @Test
    void samplesForMessagesAreShortAndPrintable() {
        line("DTSTART:2024\t01" + "x".repeat(70));
        String sample = values.sample(cl.valueStart, cl.length);
        assertEquals("2024?01" + "x".repeat(53) + "...", sample);
    }
}
