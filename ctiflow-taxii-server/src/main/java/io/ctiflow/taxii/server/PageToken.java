package io.ctiflow.taxii.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code next} value: the (date_added, seq) of the last object served, base64url-encoded.
 * seq alone orders a collection (it grows with date_added), so many objects sharing one date_added
 * still page exactly once each; date_added rides along as a check and for humans decoding it.
 */
final class PageToken {

    private PageToken() {
    }

    static String encode(long dateAdded, long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("1." + dateAdded + "." + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** The seq after which the next page starts; 400 for anything this server did not hand out. */
    static long decodeSeq(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("\\.");
            if (parts.length == 3 && parts[0].equals("1")) {
                Long.parseLong(parts[1]);
                long seq = Long.parseLong(parts[2]);
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw TaxiiError.badRequest("invalid next value '" + token + "': pass the next value of the previous page unchanged");
    }
}
