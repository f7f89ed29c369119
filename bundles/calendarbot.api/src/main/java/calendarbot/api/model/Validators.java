package calendarbot.api.model;

/**
 * HTTP cache validators of the last successful fetch, sent back as If-None-Match / If-Modified-Since.
 * Either may be null.
 */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
