package calendarbot.medicine.internal;

import calendarbot.json.JsonReader;
import calendarbot.json.JsonWriter;
import calendarbot.medicine.internal.Dose.Status;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/medicines}: the tracker's JSON API. It lives under /api/ in the default context, so the kiosk's
 * whiteboard filters hold for it as for the calendar's API: no state change from another site, bodies are JSON.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/medicines", "/api/medicines/*" })
@HttpWhiteboardServletName("calendarbot.medicine.api")
public class MedicineApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MedicineApiServlet.class);
    private static final String ROOT = "/api/medicines";
    /** Bodies are a medicine or a list of doses. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A batch is a morning's pills, not a bulk import. */
    static final int MAX_BATCH = 50;

    @Reference
    transient MedicineTracker tracker;

    private transient DoseReports reports;
    private final transient AnswerCache listed = new AnswerCache();
    private final transient AnswerCache lowStock = new AnswerCache();
    private final transient AnswerCache due = new AnswerCache();

    @Activate
    void activate() {
        reports = new DoseReports(tracker);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String rest = path.length() > ROOT.length() ? path.substring(ROOT.length()) : "";
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String method = "HEAD".equals(req.getMethod()) ? "GET" : req.getMethod();
        int status;
        String json;
        try {
            if (method.equals("GET") && rest.equals("/export")) {
                resp.setStatus(200);
                resp.setContentType("application/json; charset=utf-8");
                resp.setHeader("Cache-Control", "no-store");
                resp.setHeader("Content-Disposition", "attachment; filename=\"medicines.json\"");
                reports.export(resp.getOutputStream(), stamp());
                return;
            }
            Answer a = answer(method, rest.isEmpty() ? List.of() : List.of(rest.substring(1).split("/", -1)), req);
            status = a.status;
            json = a.json;
            if (status == 405) {
                resp.setHeader("Allow", a.allow);
            }
        } catch (Refusal r) {
            status = r.status();
            json = error(r.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.error("medicine: {} {} failed", req.getMethod(), path, e);
            status = 500;
            json = error("internal error: " + e.getMessage());
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }

    private record Answer(int status, String json, String allow) {
        static Answer ok(String json) {
            return new Answer(200, json, null);
        }
    }

    private Answer answer(String method, List<String> parts, HttpServletRequest req) throws IOException, SQLException {
        if (parts.isEmpty()) {
            return switch (method) {
                case "GET" -> Answer.ok(listed.get(tracker.database().generation(),
                        () -> MedicineJson.medicines(tracker.store().list())));
                case "POST" -> new Answer(201, MedicineJson.medicine(tracker.store().create(
                        MedicineJson.fields(body(req), MedicineJson.defaults(), true, tracker.today()), stamp())),
                        null);
                default -> notAllowed("GET, POST");
            };
        }
        String first = parts.get(0);
        if (parts.size() == 1) {
            switch (first) {
                case "pending":
                    return method.equals("GET") ? Answer.ok(pending()) : notAllowed("GET");
                case "low-stock":
                    return method.equals("GET") ? Answer.ok(lowStock.get(tracker.database().generation(),
                            () -> MedicineJson.medicines(tracker.store().lowStock()))) : notAllowed("GET");
                case "history":
                    return method.equals("GET") ? Answer.ok(history(req)) : notAllowed("GET");
                case "export":
                    return notAllowed("GET");
                case "batch-take":
                    return method.equals("POST") ? Answer.ok(batchTake(body(req))) : notAllowed("POST");
                default:
                    break;
            }
        }
        long id = id(first);
        if (parts.size() == 1) {
            return switch (method) {
                case "GET" -> Answer.ok(MedicineJson.medicine(tracker.store().get(id)));
                case "PUT" -> Answer.ok(MedicineJson.medicine(tracker.store().update(id,
                        MedicineJson.fields(withId(body(req), id), MedicineJson.defaults(), true, tracker.today()),
                        stamp())));
                case "PATCH" -> Answer.ok(MedicineJson.medicine(tracker.store().update(id,
                        MedicineJson.fields(withId(body(req), id), tracker.store().get(id).fields(), false,
                                tracker.today()), stamp())));
                case "DELETE" -> {
                    tracker.store().delete(id, stamp());
                    yield Answer.ok(new JsonWriter().beginObject().field("deleted", id).endObject().toString());
                }
                default -> notAllowed("DELETE, GET, PATCH, PUT");
            };
        }
        if (parts.size() == 2 && (parts.get(1).equals("take") || parts.get(1).equals("skip"))) {
            if (!method.equals("POST")) {
                return notAllowed("POST");
            }
            Map<String, Object> body = optionalBody(req);
            only(body, "slot", "taken_by");
            Status status = parts.get(1).equals("take") ? Status.TAKEN : Status.SKIPPED;
            List<Dose> doses = tracker.record(List.of(new Dose.Request(id, slot(body.get("slot")))), status,
                    by(body.get("taken_by")));
            return new Answer(201, reports.doses(doses), null);
        }
        throw Refusal.notFound("no such endpoint: " + ROOT + "/" + String.join("/", parts));
    }

    /** The answer of a second: the doses due at its start, by the kiosk's clock. */
    private String pending() throws SQLException {
        DoseTimes times = tracker.times();
        Instant now = tracker.now().truncatedTo(ChronoUnit.SECONDS);
        long generation = tracker.database().generation();
        return due.get(List.of(generation, now, times), () -> reports.pending(times, now));
    }

    private String history(HttpServletRequest req) throws SQLException {
        ZoneId zone = tracker.zone();
        // doses are stamped with real time: a kiosk fixed at a past "now" still lists what was recorded since;
        // the end of this second, so that a dose recorded a moment ago is in
        Instant now = later(tracker.now(), stamp()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant to = bound(req.getParameter("to"), zone, true, now);
        Instant from = bound(req.getParameter("from"), zone, false, to.minus(Duration.ofDays(7)));
        if (!from.isBefore(to)) {
            throw Refusal.invalid("from must be before to");
        }
        int maxDays = tracker.config().maxHistoryDays();
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
            throw Refusal.invalid("at most " + maxDays + " days of history in one request (maxHistoryDays)");
        }
        return reports.history(from, to);
    }

    private String batchTake(Map<String, Object> body) throws SQLException {
        only(body, "doses", "medicine_ids", "taken_by");
        List<Dose.Request> requests = new ArrayList<>();
        if (body.get("medicine_ids") instanceof List<?> ids) {
            for (Object id : ids) {
                if (!(id instanceof Long n)) {
                    throw Refusal.invalid("medicine_ids must be a list of ids (whole numbers), not " + id);
                }
                requests.add(new Dose.Request(n, null));
            }
        } else if (body.containsKey("medicine_ids")) {
            throw Refusal.invalid("medicine_ids must be a list of ids");
        }
        if (body.get("doses") instanceof List<?> doses) {
            for (Object d : doses) {
                if (!(d instanceof Map<?, ?> dose) || !(dose.get("medicine_id") instanceof Long id)) {
                    throw Refusal.invalid("each of doses is {\"medicine_id\": N, \"slot\": \"2026-03-08T08:00\"}");
                }
                requests.add(new Dose.Request(id, slot(dose.get("slot"))));
            }
        } else if (body.containsKey("doses")) {
            throw Refusal.invalid("doses must be a list");
        }
        if (requests.isEmpty()) {
            throw Refusal.invalid("nothing to take: give medicine_ids [1, 2] or doses [{\"medicine_id\": 1}]");
        }
        if (requests.size() > MAX_BATCH) {
            throw Refusal.invalid("at most " + MAX_BATCH + " doses in one batch");
        }
        return reports.doses(tracker.record(requests, Status.TAKEN, by(body.get("taken_by"))));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Instant stamp() {
        return tracker.time.instant();
    }

    /** A bound of the history: a date (its start, or for "to" its end) or an ISO instant with offset. */
    private static Instant bound(String text, ZoneId zone, boolean end, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw Refusal.invalid((end ? "to" : "from") + " must be a date (2026-03-08) or a time with offset "
                    + "(2026-03-08T08:00:00+01:00)");
        }
    }

    private static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Refusal.notFound("no medicine " + text);
    }

    private static LocalDateTime slot(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(String.valueOf(value)).withSecond(0).withNano(0);
        } catch (DateTimeException e) {
            throw Refusal.invalid("slot must be a local date and time like \"2026-03-08T08:00\"");
        }
    }

    private static String by(Object value) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s) || s.length() > 100) {
            throw Refusal.invalid("taken_by must be a name of at most 100 characters");
        }
        return s.strip();
    }

    private static Map<String, Object> withId(Map<String, Object> body, long id) {
        Object given = body.get("id");
        if (given != null && !(given instanceof Long l && l == id)) {
            throw Refusal.invalid("the body's id (" + given + ") is not the medicine's (" + id + ")");
        }
        return body;
    }

    private static void only(Map<String, Object> body, String... keys) {
        for (String key : body.keySet()) {
            if (!List.of(keys).contains(key)) {
                throw Refusal.invalid("unknown field \"" + key + "\" (fields: " + String.join(", ", keys) + ")");
            }
        }
    }

    private static Answer notAllowed(String allow) {
        return new Answer(405, error("method not allowed here (allowed: " + allow + ")"), allow);
    }

    private static String error(String message) {
        return new JsonWriter().beginObject().field("error", message).endObject().toString();
    }

    private static Map<String, Object> optionalBody(HttpServletRequest req) throws IOException {
        String text = read(req);
        return text.isBlank() ? Map.of() : object(text);
    }

    private static Map<String, Object> body(HttpServletRequest req) throws IOException {
        String text = read(req);
        if (text.isBlank()) {
            throw Refusal.invalid("a JSON object is required");
        }
        return object(text);
    }

    private static Map<String, Object> object(String text) {
        try {
            return JsonReader.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid JSON: " + e.getMessage());
        }
    }

    private static String read(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw Refusal.invalid("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
