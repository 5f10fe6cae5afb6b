package io.ctiflow.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
/**
 * The key camel-mail's idempotent consumer remembers per fetched mail: the IMAP UID with the
 * folder's UIDVALIDITY ({@code <folder>:<uidvalidity>:<uid>}), which the server never reuses for
 * another message of that folder, so the checkpoint survives clients that reset \Seen flags. Falls
 * back to the Message-ID (camel-mail's default) where the folder has no UIDs (POP3).
 */
public final class ImapUids implements MailUidGenerator {

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        Folder folder = message.getFolder();
        try {
            if (folder instanceof UIDFolder uids) {
                return folder.getFullName() + ":" + uids.getUIDValidity() + ":" + uids.getUID(message);
            }
            String[] id = message.getHeader("Message-ID");
            return id != null && id.length > 0 ? id[0] : Integer.toString(message.getMessageNumber());
        } catch (MessagingException e) {
            return Integer.toString(message.getMessageNumber());
        }
    }
}
