package io.ctiflow.mail;

/**
 * What one mail may cost: the largest part or attachment read (bigger ones are dead-lettered, the
 * rest of the mail converts), how deep forwarded messages and archives are followed, and how many
 * bytes a zip attachment may expand to (the zip-bomb guard, counted while inflating).
 */
public record MailLimits(long maxAttachmentBytes, int maxDepth, long maxDecompressedBytes) {

    public static final MailLimits DEFAULT = new MailLimits(10L << 20, 3, 50L << 20);

    public MailLimits {
        if (maxAttachmentBytes < 1 || maxDepth < 0 || maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("mail limits must be positive: attachment bytes " + maxAttachmentBytes
                    + ", depth " + maxDepth + ", decompressed bytes " + maxDecompressedBytes);
        }
    }
}
