package calendarbot.medicine.internal;

/** A request the tracker does not carry out, with the HTTP status that says why (400, 404, 409). */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static Refusal invalid(String message) {
        return new Refusal(400, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(409, message);
    }

    public int status() {
        return status;
    }
}
