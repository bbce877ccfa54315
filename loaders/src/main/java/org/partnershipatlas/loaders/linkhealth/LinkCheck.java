package org.partnershipatlas.loaders.linkhealth;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of checking one URL once.
 *
 * @param url the URL checked (normalised)
 * @param status how the check ended
 * @param httpStatus the last HTTP status seen, 0 if none
 * @param finalUrl where the redirects led (the URL itself without redirects)
 * @param chain every URL requested after the first, in order (empty without redirects)
 * @param etag the final response's ETag, for the next conditional request, or null
 * @param lastModified the final response's Last-Modified, or null
 * @param checkedAt when the check ended, by the checker's clock
 * @param detail what happened, in words, for curators
 */
public record LinkCheck(
        URI url,
        LinkStatus status,
        int httpStatus,
        URI finalUrl,
        List<URI> chain,
        String etag,
        String lastModified,
        Instant checkedAt,
        String detail) {
    public LinkCheck {
        chain = List.copyOf(chain);
    }
}
