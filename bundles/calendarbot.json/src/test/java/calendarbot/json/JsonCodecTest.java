package calendarbot.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

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
    void stringsFromFeedsAreEscapedAndSafeInsideAScriptTag() {
        String summary = "Say \"hi\" \\ new\nline\ttab \u0001 </script> \u2028 caf\u00e9 \ud83d\udcc5 & \u007f";
        String json = new JsonWriter().beginObject().field("s", summary).endObject().toString();
        assertEquals("{\"s\":\"Say \\\"hi\\\" \\\\ new\\nline\\ttab \\u0001 \\u003c/script\\u003e \\u2028 caf\u00e9 "
                + "\ud83d\udcc5 \\u0026 \\u007f\"}", json);
        assertEquals(Map.of("s", summary), JsonReader.parse(json));
    }

    @Test
    void loneSurrogatesStayValidJsonBothWays() {
        String json = new JsonWriter().beginArray().value("a\ud800b").value("\udc00").endArray().toString();
        assertEquals("[\"a\\ud800b\",\"\\udc00\"]", json);
        assertEquals(List.of("a\ud800b", "\udc00"), JsonReader.parse(json));
        // written out as UTF-8, the escapes survive where a raw lone surrogate would become '?'
        assertEquals(List.of("a\ud800b", "\udc00"), JsonReader.parse(json.getBytes(StandardCharsets.UTF_8)));
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
        assertEquals(-0.25, JsonReader.parse("-25E-2"));
        assertEquals(0L, JsonReader.parse("0"));
    }

    @Test
    void hugeNumbersAreDoublesOrRefusedNeverSilentlyWrong() {
        assertEquals(Long.MAX_VALUE, JsonReader.parse("9223372036854775807"));
        assertEquals(9.223372036854775808E18, JsonReader.parse("9223372036854775808"), "beyond a long: a double");
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("1e400"), "beyond a double");
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("1".repeat(100_000)), "absurdly long");
        for (String bad : List.of("01", "-", "1.", ".5", "1e", "1e+", "+1", "1.5.5", "0x10", "NaN", "-Infinity")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }

    @Test
    void deepNestingIsRefusedNotRecursedInto() {
        assertEquals(List.of(List.of()), JsonReader.parse("[[]]"));
        assertTrue(JsonReader.parse("[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1))
                instanceof List, "as deep as allowed");
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[".repeat(100_000)));
        assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)));
        StringBuilder deep = new StringBuilder();
        JsonWriter writer = new JsonWriter();
        assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 100; i++) {
                writer.beginArray();
                deep.append('[');
            }
        });
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        byte[] latin1 = "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(latin1));
        byte[] encodedSurrogate = { '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"' }; // CESU-style U+D800
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(encodedSurrogate));
        byte[] overlong = { '"', (byte) 0xc0, (byte) 0xaf, '"' };
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(overlong));
        assertEquals("caf\u00e9", JsonReader.parse("\"caf\u00e9\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void brokenJsonIsRefusedWithWhere() {
        for (String bad : List.of("{\"a\": }", "{\"a\": 1} trailing", "\"raw\nnewline\"", "", "   ", "{\"a\" 1}",
                "[1,]", "{,}", "{\"a\":1,}", "tru", "nul", "\"\\x\"", "\"\\u12\"", "\"\\u\u0663\u0663\u0663\u0663\"",
                "{1:2}", "'single'", "\"unterminated")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
    }

    @Test
    void objectsKeepTheirOrderAndTheLastOfARepeatedName() {
        Map<String, Object> o = JsonReader.parseObject("{\"b\":1,\"a\":2,\"b\":3}");
        assertEquals(List.of("b", "a"), List.copyOf(o.keySet()));
        assertEquals(3L, o.get("b"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parseObject("[1]"));
    }

    @Test
    void treesAreWrittenAndReadBackAndPathsFollowed() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", "kiosk");
        tree.put("sizes", List.of(1L, 2.5, true));
        tree.put("nested", Map.of("x", List.of(Map.of("y", "z"))));
        tree.put("none", null);
        String json = JsonWriter.write(tree);
        assertEquals(tree, JsonReader.parse(json));
        assertEquals("z", JsonReader.at(JsonReader.parse(json), "nested", "x", 0, "y"));
        assertEquals(null, JsonReader.at(JsonReader.parse(json), "nested", "missing", 0));
    }

    @Test
    void indentedOutputIsTheSameValueOnLinesOfItsOwn() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("a", List.of(1L, 2L));
        tree.put("b", Map.of());
        String text = JsonWriter.indented(2).value(tree).toString();
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}", text);
        assertEquals(tree, JsonReader.parse(text));
    }

    @Test
    void unbalancedWritingIsAnError() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().name("outside"));
    }
}
