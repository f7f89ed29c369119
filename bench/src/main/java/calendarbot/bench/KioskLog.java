package calendarbot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a kiosk's output says after a long run: lines per level, stack traces (an exception that reached the log;
 * hostile feeds should only ever cause one-line WARNs) and the distinct WARN and ERROR messages with their counts
 * (numbers blanked, so "in 812 ms" and "in 95 ms" are one message).
 */
final class KioskLog {

    // "2026-12-07 19:58:01.123 WARN  [calendarbot-refresh-1] calendarbot.refresh...: hostile: fetch failed (...)"
    private static final Pattern LINE = Pattern.compile(
            "^(?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\w+)\\s+\\[[^\\]]*\\] (.*)$");
    private static final Pattern TRACE_HEAD = Pattern.compile(
            "^(Caused by: )?[\\w.$]+(Exception|Error|Throwable)\\b.*");
    private static final int MAX_DISTINCT = 200;

    private KioskLog() {
    }

    static Map<String, Object> scan(Path log) throws IOException {
        Map<String, Long> levels = new LinkedHashMap<>();
        Map<String, Long> messages = new LinkedHashMap<>();
        Map<String, Long> traces = new LinkedHashMap<>();
        long lines = 0;
        long other = 0;
        boolean afterLogLine = false;
        if (!Files.exists(log)) {
            return Map.of("missing", log.toString());
        }
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    afterLogLine = true;
                    levels.merge(m.group(1), 1L, Long::sum);
                    if (m.group(1).equals("WARN") || m.group(1).equals("ERROR")) {
                        count(messages, m.group(1) + " " + m.group(2).replaceAll("\\d+", "N"));
                    }
                } else if (TRACE_HEAD.matcher(line).matches() && afterLogLine) {
                    count(traces, line.length() > 160 ? line.substring(0, 160) : line);
                } else if (!line.startsWith("\tat ") && !line.startsWith("\t...")) {
                    other++;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("by_level", levels);
        m.put("other_lines", other);
        m.put("stack_traces", traces.values().stream().mapToLong(Long::longValue).sum());
        m.put("traces", top(traces));
        m.put("warn_error_messages", top(messages));
        return m;
    }

    private static void count(Map<String, Long> counts, String key) {
        if (counts.containsKey(key) || counts.size() < MAX_DISTINCT) {
            counts.merge(key, 1L, Long::sum);
        }
    }

    private static List<Object> top(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(20, sorted.size()))) {
            out.add(Map.of("count", e.getValue(), "text", e.getKey()));
        }
        return out;
    }
}
