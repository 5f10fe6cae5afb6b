package io.ctiflow.mail;

import io.ctiflow.pipeline.Batch;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.mail.MailMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The Camel step after the imap(s) consumer: the fetched message, as its raw bytes, to one
 * {@link Batch} (the mail's report, indicators and attachment objects; its unreadable parts as
 * rejects), which direct:batch-to-stix-files writes as one bundle and dead-letters.
 */
public final class MailBatches {

    private final MailToStix converter;

    public MailBatches(MailToStix converter) {
        this.converter = converter;
    }

    public MailToStix converter() {
        return converter;
    }

    public Batch toBatch(Exchange exchange) throws InvalidPayloadException, IOException, MessagingException {
        String mailbox = exchange.getIn().getHeader("CtiflowMailbox", "INBOX", String.class);
        byte[] raw;
        if (exchange.getIn() instanceof MailMessage mail && mail.getOriginalMessage() != null) {
            Message message = mail.getOriginalMessage();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            message.writeTo(out); // the whole message as the server holds it, not camel-mail's mapped body
            raw = out.toByteArray();
        } else {
            raw = exchange.getIn().getMandatoryBody(byte[].class); // a saved .eml routed in from elsewhere
        }
        return converter.convert(raw, mailbox).batch();
    }
}
