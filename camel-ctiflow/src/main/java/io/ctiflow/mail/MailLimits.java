package io.ctiflow.mail;

/**
 * What one mail may cost: the largest part or attachment read (bigger ones are dead-lettered, the
 * rest of the mail converts), how deep forwarded messages and archives are followed, how many
 * bytes one zip attachment may expand to, and how many all archives of one message may expand to
 * together (the zip-bomb guards, counted while inflating: zips nested inside each other stay under
 * the per-archive cap one by one, so only the message's total bounds them).
 */
public record MailLimits(long maxAttachmentBytes, int maxDepth, long maxDecompressedBytes, long maxMessageDecompressedBytes) {

    public static final MailLimits DEFAULT = new MailLimits(10L << 20, 3, 50L << 20, 100L << 20);

    public MailLimits {
        if (maxAttachmentBytes < 1 || maxDepth < 0 || maxDecompressedBytes < 1 || maxMessageDecompressedBytes < 1) {
            throw new IllegalArgumentException("mail limits must be positive: attachment bytes " + maxAttachmentBytes
                    + ", depth " + maxDepth + ", decompressed bytes " + maxDecompressedBytes
                    + ", decompressed bytes per message " + maxMessageDecompressedBytes);
        }
    }
}
