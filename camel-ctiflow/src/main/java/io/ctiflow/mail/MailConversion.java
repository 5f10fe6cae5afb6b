package io.ctiflow.mail;

import io.ctiflow.pipeline.Batch;

/**
 * What one mail became: the batch (the report, its indicators and the objects of its attachments,
 * plus the parts set aside as rejects) and counts: {@code iocs} indicator values found in text parts
 * before de-duplication and allow-listing, {@code allowListed} how many of them the allow-lists dropped.
 */
public record MailConversion(String messageId, Batch batch, int iocs, int allowListed) {
}
