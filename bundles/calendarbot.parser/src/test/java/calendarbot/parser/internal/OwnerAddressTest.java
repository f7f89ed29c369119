package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OwnerAddressTest {

    private static boolean attends(OwnerAddress owner, String attendeeLine) {
        byte[] b = attendeeLine.getBytes(StandardCharsets.UTF_8);
        ContentLine cl = new ContentLine();
        cl.scanName(b, b.length);
        cl.scanParameters(false);
        return owner.isAttendee(cl);
    }

    @Test
    void theOwnerIsFoundWithOrWithoutMailtoInAnyCase() {
        OwnerAddress owner = OwnerAddress.of(" MAILTO:Anna.Meier@Example.com ");
        assertTrue(attends(owner, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna.meier@example.com"));
        assertTrue(attends(owner, "ATTENDEE;CN=Anna:MAILTO:ANNA.MEIER@EXAMPLE.COM  "));
        assertTrue(attends(owner, "ATTENDEE: anna.meier@example.com"));
        assertFalse(attends(owner, "ATTENDEE:mailto:anna.meier@example.com.evil"));
        assertFalse(attends(owner, "ATTENDEE:mailto:bob@example.com"));
    }

    @Test
    void googleGuestsWithoutAnAddressAreFoundByTheirEmailParameter() {
        OwnerAddress owner = OwnerAddress.of("anna@example.com");
        assertTrue(attends(owner, "ATTENDEE;CN=Anna;EMAIL=Anna@Example.com:invalid:nomail"));
        assertFalse(attends(owner, "ATTENDEE;EMAIL=bob@example.com:invalid:nomail"));
    }

    @Test
    void noAddressConfiguredMeansNoOwner() {
        assertNull(OwnerAddress.of(null));
        assertNull(OwnerAddress.of("  "));
        assertNull(OwnerAddress.of("mailto:"));
    }

    @Test
    void mailtoIsSkippedOnlyWhereItIs() {
        byte[] b = "mailto:x@y MAILTO:".getBytes(StandardCharsets.US_ASCII);
        assertEquals(7, OwnerAddress.afterMailto(b, 0, b.length));
        assertEquals(11, OwnerAddress.afterMailto(b, 11, b.length - 1), "too short to hold mailto:");
        assertEquals(2, OwnerAddress.afterMailto(b, 2, b.length));
    }
}
