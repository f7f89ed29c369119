package calendarbot.api.model;

import java.io.InputStream;
import java.net.URI;

/**
 * A fetched body handed to the reader. The stream is already decoded (gzip/deflate) and capped at
 * maxBodyBytes; it is closed by the fetcher after the reader returns.
 *
 * @param stream the body; read it once
 * @param contentLength the declared length, or -1 when the server sent none (chunked)
 * @param buffered true when the fetcher read the body into memory (small feeds), false when streamed
 * @param validators validators of this response, to be kept if the body parses
 * @param finalUrl URL after redirects
 */
public record FeedBody(InputStream stream, long contentLength, boolean buffered, Validators validators,
        URI finalUrl) {
}
