package calendarbot.voice.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The shared secret of the Alexa skill. Only its SHA-256 is kept; a presented token is hashed and the two hashes
 * compared with {@link MessageDigest#isEqual} (constant time), so neither the time of a refusal nor its length says
 * how much of a guess was right. {@link #toString()} never shows it.
 */
final class BearerToken {

    /** Shorter tokens work but are reported: a token is the only lock on the endpoints. */
    static final int RECOMMENDED_LENGTH = 16;

    private final byte[] digest;
    private final int length;
    private final String source;

    private BearerToken(String token, String source) {
        this.digest = sha256(token);
        this.length = token.length();
        this.source = source;
    }

    /** A token from {@code value}, trimmed; null when it is null or blank. */
    static BearerToken of(String value, String source) {
        return value == null || value.isBlank() ? null : new BearerToken(value.trim(), source);
    }

    /** True when {@code authorization} is {@code Bearer <this token>} (the scheme in any case, RFC 6750). */
    boolean accepts(String authorization) {
        if (authorization == null) {
            // still hash something: a missing header takes the time a wrong one does
            MessageDigest.isEqual(digest, sha256(""));
            return false;
        }
        String header = authorization.trim();
        boolean bearer = header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
        byte[] presented = sha256(bearer ? header.substring(7).trim() : "");
        return MessageDigest.isEqual(digest, presented) && bearer;
    }

    /** Where the token came from, for the log: a configuration PID or an environment variable, never the value. */
    String source() {
        return source;
    }

    boolean isShort() {
        return length < RECOMMENDED_LENGTH;
    }

    @Override
    public String toString() {
        return "BearerToken[from " + source + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
