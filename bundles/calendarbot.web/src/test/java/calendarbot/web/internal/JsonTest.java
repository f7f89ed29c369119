package calendarbot.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void commasAndNesting() {
        String json = new JsonWriter().beginObject()
                .field("a", 1)
                .name("b").beginArray().value("x").nullValue().beginObject().endObject().beginArray().endArray().endArray()
                .field("c", true)
                .field("d", 2.5)
                .field("e", (String) null)
                .endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\",null,{},[]],\"c\":true,\"d\":2.5,\"e\":null}", json);
    }

    @Test
    void stringsFromFeedsAreEscaped() {
        String summary = "Say \"hi\" \\ new\nline\ttab \u0001 </script> \u2028 caf\u00e9 \ud83d\udcc5";
        String json = new JsonWriter().beginObject().field("s", summary).endObject().toString();
        assertEquals("{\"s\":\"Say \\\"hi\\\" \\\\ new\\nline\\ttab \\u0001 \\u003c/script\\u003e \\u2028 caf\u00e9 "
                + "\ud83d\udcc5\"}", json);
        assertEquals(Map.of("s", summary), JsonReader.parse(json));
    }

    @Test
    void aLoneSurrogateStaysValidJson() {
        String json = new JsonWriter().beginArray().value("a\ud800b").value("\udc00").endArray().toString();
        assertEquals("[\"a\\ud800b\",\"\\udc00\"]", json);
        assertEquals(List.of("a\ud800b", "\udc00"), JsonReader.parse(json));
    }

    @Test
    void numbersThatJsonCannotHoldBecomeNull() {
        assertEquals("[null,null,3.0]", new JsonWriter().beginArray().value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).value(3.0).endArray().toString());
    }

    @Test
    void theReaderTakesWhatBrowsersSend() {
        assertEquals(Map.of("meeting_id", "abc_20261124T160000", "n", 3L, "x", 1.5, "ok", true, "list", List.of(1L, 2L)),
                JsonReader.parse(" {\"meeting_id\":\"abc_20261124T160000\", \"n\": 3, \"x\": 1.5e0, \"ok\": true, "
                        + "\"list\": [1, 2]} "));
        assertEquals("\u00e9/", JsonReader.parse("\"\\u00e9\\/\""));
    }

    @Test
    void theReaderRefusesBrokenOrDeepJson() {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"raw\nnewline\""));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[".repeat(40) + "]".repeat(40)));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(""));
    }

    @Test
    void unbalancedWritingIsAnError() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().endArray());
    }
}
