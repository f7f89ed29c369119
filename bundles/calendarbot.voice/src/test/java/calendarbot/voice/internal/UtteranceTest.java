package calendarbot.voice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class UtteranceTest {

    /** Parses SSML as XML (throws when it is not well-formed) and returns its document. */
    static Document parse(String ssml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(ssml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks what every answer's SSML must be: well-formed, a {@code <speak>} root, at most 8000 characters. */
    static Document assertValidSsml(String ssml) throws Exception {
        assertTrue(ssml.length() <= Utterance.MAX_SSML_CHARS, "SSML of " + ssml.length() + " characters");
        Document d = parse(ssml);
        assertEquals("speak", d.getDocumentElement().getTagName());
        return d;
    }

    @Test
    void aMeetingCalledRAndDSyncIsSaidAndDoesNotBreakTheMarkup() throws Exception {
        Utterance u = new Utterance().sentence().say("Your next meeting is ").name("R&D <sync> \"Q4\" 'plan'")
                .say(" in 5 minutes.");
        assertEquals("Your next meeting is R&D <sync> \"Q4\" 'plan' in 5 minutes.", u.text());
        String ssml = u.ssml();
        assertEquals("<speak><s>Your next meeting is <emphasis level=\"moderate\">R&amp;D &lt;sync&gt; &quot;Q4&quot; "
                + "&apos;plan&apos;</emphasis> in 5 minutes.</s></speak>", ssml);
        Document d = assertValidSsml(ssml);
        assertEquals("Your next meeting is R&D <sync> \"Q4\" 'plan' in 5 minutes.",
                d.getDocumentElement().getTextContent());
    }

    @Test
    void controlCharactersAndLineBreaksFromAFeedNeverReachTheXml() throws Exception {
        Utterance u = new Utterance().sentence()
                .name("Stand\u0000up\u0007\nnotes\u001b \uFFFF\uD800 done \uD83D\uDCC5");
        assertEquals("Standup notes  done \uD83D\uDCC5", u.text());
        assertValidSsml(u.ssml());
    }

    @Test
    void sentencesAreSeparateInTextAndInSsml() throws Exception {
        Utterance u = new Utterance().sentence("Good evening.").sentence("You have 1 meeting.");
        assertEquals("Good evening. You have 1 meeting.", u.text());
        assertEquals("<speak><s>Good evening.</s> <s>You have 1 meeting.</s></speak>", u.ssml());
    }

    @Test
    void ssmlStaysWithin8000CharactersDroppingTrailingSentencesFirst() throws Exception {
        Utterance u = new Utterance();
        for (int i = 0; i < 400; i++) {
            u.sentence().say("Meeting ").name("R&D <" + i + ">").say(" at 9:00 am.");
        }
        String ssml = u.ssml();
        assertValidSsml(ssml);
        assertTrue(ssml.length() > 7000, "as much as fits is kept: " + ssml.length());
        assertTrue(ssml.endsWith("</s></speak>"));
    }

    @Test
    void oneHugeSentenceIsCutButStaysWellFormed() throws Exception {
        String subject = "&<>".repeat(5000);
        Utterance u = new Utterance().sentence().say("Your next meeting is ").name(subject).say(" now.");
        String ssml = u.ssml();
        assertValidSsml(ssml);
        assertTrue(ssml.length() > 7900, "the sentence is cut near the limit: " + ssml.length());
        assertEquals(subject.length() + "Your next meeting is  now.".length(), u.text().length(),
                "the text keeps it all");
    }

    @Test
    void escapingNeverCutsAnEntityOrASurrogatePair() {
        assertEquals("a&amp;", Utterance.escape("a&b", 6));
        assertEquals("a", Utterance.escape("a&b", 5));
        assertEquals("x", Utterance.escape("x\uD83D\uDCC5", 2));
        assertEquals("x\uD83D\uDCC5", Utterance.escape("x\uD83D\uDCC5", 3));
    }
}
