package io.ctiflow.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.feed.FeedConverter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.IocKind;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.SchemaCheckedYaml;
import io.ctiflow.mapping.StixSink;
import io.ctiflow.mapping.TaxonomyRecord;
import io.ctiflow.misp.MispConversion;
import io.ctiflow.misp.MispToStix;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Reject;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixBundleReader;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.StixTime;
import io.ctiflow.stix.Tlp;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
/**
 * One e-mail (raw RFC 5322 bytes, as saved in a .eml file or fetched over IMAP) to STIX 2.1: one
 * {@code report} per mail (name the subject, published the Date header, created by the sender's
 * organisation), an indicator per indicator value found in its subject, text and HTML parts (refanged,
 * allow-listed values dropped; through the common taxonomy and mappings/stix/ like any feed, so ids
 * are deterministic), and the objects of its attachments: CSV files through the feed mapping that
 * mappings/mail/attachments.yaml chooses, STIX bundles, MISP events, forwarded messages and zip
 * archives (followed up to the depth limit, inflated up to the size limit). A part that cannot be
 * read (broken MIME, text that is not what its charset says, an oversized or garbage attachment)
 * becomes a reject naming mailbox, message-id, part and reason; the rest of the mail converts.
 * Thread-safe after construction.
 */
public final class MailToStix {

    private record CsvRule(Pattern pattern, FeedMapping mapping) {
    }

    /** A part set aside: its reason, for the dead letter. */
    private static final class PartRejected extends Exception {
        PartRejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Set<String> SHARED_TYPES = Set.of("identity", "marking-definition", "extension-definition", "malware");

    private final Mappings mappings;
    private final MispToStix misp;
    private final Allowlist allowlist;
    private final IocExtractor extractor;
    private final List<CsvRule> csvRules = new ArrayList<>();
    private final List<String> ignoredTypes = new ArrayList<>();
    private final MailLimits limits;
    private final String source;
    private final Tlp tlp;
    private final Session session;
    private final StixObject ctiflowIdentity = StixObject.of(CtiflowExtension.identity());
    private final StixObject extensionDefinition = StixObject.of(CtiflowExtension.definition());

    /**
     * @param mailMappingsDir mappings/mail (allowlists.yaml, attachments.yaml)
     * @param source          the connector name in the provenance of what the mails yield (and the dead-letter file name)
     */
    public MailToStix(Mappings mappings, MispToStix misp, Path mailMappingsDir, MailLimits limits, String source, Tlp tlp) {
        this.mappings = mappings;
        this.misp = misp;
        this.allowlist = new Allowlist(mailMappingsDir.resolve("allowlists.yaml"));
        this.extractor = new IocExtractor(allowlist);
        this.limits = limits;
        this.source = source;
        this.tlp = tlp;
        Path rulesFile = mailMappingsDir.resolve("attachments.yaml");
        JsonNode rules = new SchemaCheckedYaml(Allowlist.schema(rulesFile, "mail-attachments.schema.json")).read(rulesFile);
        int i = 0;
        for (JsonNode rule : rules.path("csv")) {
            String key = "csv[" + i++ + "]";
            String mapping = rule.path("mapping").asText(null);
            if (mapping == null || !rule.path("pattern").isTextual()) {
                throw new MappingException(rulesFile.toString(), key, "needs a pattern and a mapping");
            }
            FeedMapping feed = mappings.all().get(mapping);
            if (feed == null || !"csv".equals(feed.format())) {
                throw new MappingException(rulesFile.toString(), key + ".mapping", "no CSV feed mapping named '" + mapping + "' in mappings/csv");
            }
            try {
                csvRules.add(new CsvRule(Pattern.compile(rule.get("pattern").asText(), Pattern.CASE_INSENSITIVE), feed));
            } catch (PatternSyntaxException e) {
                throw new MappingException(rulesFile.toString(), key + ".pattern", e.getDescription());
            }
        }
        rules.path("ignore_types").forEach(t -> ignoredTypes.add(t.asText().toLowerCase(Locale.ROOT)));
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        this.session = Session.getInstance(props);
    }

    /** With everything from a mappings folder: feed mappings, MISP mappings and mappings/mail. */
    public static MailToStix fromMappings(Mappings mappings, MailLimits limits, String source, Tlp tlp) {
        Path dir = mappings.loader().mappingsDir();
        return new MailToStix(mappings, new MispToStix(dir.resolve("misp")), dir.resolve("mail"), limits, source, tlp);
    }

    public String source() {
        return source;
    }

    /** Converts one mail; never throws for bad content (it becomes rejects). {@code mailbox} names where it came from. */
    public MailConversion convert(byte[] raw, String mailbox) {
        Job job = new Job(mailbox, Instant.now());
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(raw));
            job.messageId = header(() -> message.getMessageID());
        } catch (MessagingException | RuntimeException e) {
            job.messageId = null;
            job.origin = mailbox + "/" + digestId(raw);
            job.reject("message", "unparseable message: " + e.getMessage(), "");
            return job.finish(raw);
        }
        if (job.messageId == null || job.messageId.isBlank()) {
            job.messageId = digestId(raw);
        }
        job.messageId = job.messageId.trim();
        job.origin = mailbox + "/" + job.messageId;
        readHeaders(message, job);
        if (job.fromAddress == null && job.date == null && header(() -> message.getMessageID()) == null) {
            job.reject("message", "not an e-mail message: no From, Date or Message-ID header", "");
            return job.finish(raw);
        }
        if (job.subject != null) {
            job.text(job.subject); // "[Abuse] malware at http://..." : reports name their subject in the subject line
        }
        walk(message, "", 0, job);
        return job.finish(raw);
    }

    /** The message-id stand-in of a mail without one: a digest of its bytes, so a re-fetch gets the same ids. */
    private static String digestId(byte[] raw) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Header {
        String get() throws MessagingException;
    }

    private static String header(Header h) {
        try {
            return h.get();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private void readHeaders(MimeMessage m, Job job) {
        job.subject = header(m::getSubject);
        try {
            Date sent = m.getSentDate();
            job.date = sent != null ? sent.toInstant() : null;
        } catch (MessagingException | RuntimeException e) {
            job.date = null;
        }
        InternetAddress from = null;
        try {
            Address[] addresses = m.getFrom();
            if (addresses != null && addresses.length > 0 && addresses[0] instanceof InternetAddress ia) {
                from = ia;
            }
        } catch (MessagingException | RuntimeException e) {
            from = null;
        }
        if (from == null || from.getAddress() == null || from.getAddress().indexOf('@') < 0) {
            // an encoded word around a bare address (=?UTF-8?B?...?=): decode, then parse again
            String raw = header(() -> m.getHeader("From", ","));
            if (raw != null) {
                try {
                    InternetAddress[] parsed = InternetAddress.parseHeader(MimeUtility.decodeText(MimeUtility.unfold(raw)), false);
                    from = parsed.length > 0 ? parsed[0] : from;
                } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                    // keep what we had
                }
            }
        }
        if (from != null && from.getAddress() != null && from.getAddress().indexOf('@') > 0) {
            job.fromAddress = from.getAddress().trim().toLowerCase(Locale.ROOT);
            String personal = from.getPersonal() != null ? from.getPersonal().trim() : "";
            job.fromName = personal.isEmpty() || personal.equalsIgnoreCase(job.fromAddress) ? null : personal;
            job.senderDomain = organisationDomain(job.fromAddress.substring(job.fromAddress.indexOf('@') + 1));
        }
        // the mail's own recipients (the abuse desk a report was sent to) are no indicators
        for (jakarta.mail.Message.RecipientType t : List.of(jakarta.mail.Message.RecipientType.TO, jakarta.mail.Message.RecipientType.CC)) {
            try {
                Address[] to = m.getRecipients(t);
                for (Address a : to == null ? new Address[0] : to) {
                    if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                        job.recipients.add(ia.getAddress().trim().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                // an unreadable recipient list only means fewer values are skipped
            }
        }
    }

    /**
     * The registrable part of a domain, approximately: the last two labels, or three under a
     * second-level label that registries use (co.uk, com.mx, com.tr, ac.jp, ...). No public-suffix
     * list is bundled; a sender under another multi-label suffix is named one label too short.
     */
    static String organisationDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return d;
        }
        String second = labels[labels.length - 2];
        boolean registrySecond = labels[labels.length - 1].length() == 2
                && Set.of("co", "com", "net", "org", "ac", "gov", "edu", "or", "ne", "go", "gob", "mil").contains(second);
        int keep = registrySecond ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }

    // ---- MIME walk ----

    private void walk(Part part, String path, int depth, Job job) {
        String label = path.isEmpty() ? "body" : "part " + path;
        ContentType type;
        try {
            type = contentType(part);
        } catch (MessagingException | RuntimeException e) {
            job.reject(label, "unreadable Content-Type: " + e.getMessage(), "");
            return;
        }
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        try {
            if (base.startsWith("multipart/")) {
                Object content = part.getContent();
                if (!(content instanceof Multipart mp)) {
                    throw new PartRejected("broken MIME: " + base + " without parts");
                }
                int count = mp.getCount();
                for (int i = 0; i < count; i++) {
                    walk(mp.getBodyPart(i), path.isEmpty() ? Integer.toString(i + 1) : path + "." + (i + 1), depth, job);
                }
                return;
            }
            String name = fileName(part);
            if (name != null) {
                label += " '" + name + "'";
            }
            if (ignored(base)) {
                return;
            }
            byte[] bytes = read(part.getInputStream(), limits.maxAttachmentBytes(), name != null ? "attachment" : "part");
            boolean attachment = name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            if (!attachment && (base.equals("text/plain") || base.equals("text/html"))) {
                String text = decode(bytes, type.getParameter("charset"));
                job.text(base.equals("text/html") ? HtmlText.text(text) : text);
                return;
            }
            attachment(name != null ? name : "(unnamed " + base + ")", base, type.getParameter("charset"), bytes, path, label, depth, job);
        } catch (PartRejected e) {
            job.reject(label, e.getMessage(), base);
        } catch (MessagingException | IOException | RuntimeException e) {
            job.reject(label, "broken MIME: " + e.getClass().getSimpleName() + ": " + e.getMessage(), base);
        }
    }

    private static ContentType contentType(Part part) throws MessagingException {
        String raw = part.getContentType();
        try {
            return new ContentType(raw == null ? "text/plain" : raw);
        } catch (jakarta.mail.internet.ParseException e) {
            // a sloppy parameter list must not hide the part: keep the base type
            String base = raw.split(";", 2)[0].trim();
            return new ContentType(base.contains("/") ? base : "application/octet-stream");
        }
    }

    private boolean ignored(String base) {
        for (String t : ignoredTypes) {
            if (t.endsWith("/*") ? base.startsWith(t.substring(0, t.length() - 1)) : base.equals(t)) {
                return true;
            }
        }
        return false;
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : MimeUtility.decodeText(name.trim());
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private void attachment(String name, String base, String charset, byte[] bytes, String path, String label, int depth, Job job)
            throws PartRejected {
        String lower = name.toLowerCase(Locale.ROOT);
        if (base.equals("message/rfc822") || lower.endsWith(".eml")) {
            if (depth + 1 > limits.maxDepth()) {
                throw new PartRejected("forwarded message deeper than the extraction depth limit (" + limits.maxDepth() + ")");
            }
            MimeMessage nested;
            try {
                nested = new MimeMessage(session, new ByteArrayInputStream(bytes));
            } catch (MessagingException e) {
                throw new PartRejected("unparseable forwarded message: " + e.getMessage());
            }
            walk(nested, path.isEmpty() ? "1" : path, depth + 1, job);
        } else if (lower.endsWith(".zip") || base.equals("application/zip") || base.equals("application/x-zip-compressed")) {
            unzip(bytes, path, label, depth, job);
        } else if (lower.endsWith(".csv") || base.equals("text/csv")) {
            csv(name, charset, bytes, label, job);
        } else if (lower.endsWith(".json") || base.equals("application/json") || base.endsWith("+json")) {
            json(name, bytes, label, job);
        } else if (base.startsWith("text/")) {
            String text = decode(bytes, charset);
            job.text(base.equals("text/html") ? HtmlText.text(text) : text);
        } else {
            throw new PartRejected("unsupported attachment type " + base);
        }
    }

    private void unzip(byte[] bytes, String path, String label, int depth, Job job) throws PartRejected {
        if (depth + 1 > limits.maxDepth()) {
            throw new PartRejected("archive deeper than the extraction depth limit (" + limits.maxDepth() + ")");
        }
        long budget = limits.maxDecompressedBytes();
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                String entryName = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                long messageLeft = limits.maxMessageDecompressedBytes() - job.inflated;
                if (messageLeft <= 0) {
                    throw new PartRejected("entry '" + entryName + "': not inflated: " + messageLimit());
                }
                long cap = Math.min(limits.maxAttachmentBytes(), Math.min(budget, messageLeft));
                byte[] content;
                try {
                    content = read(zip, cap, "archive entry");
                } catch (PartRejected e) {
                    // the zip-bomb guard: stop inflating this archive at once
                    throw new PartRejected("entry '" + entryName + "': " + e.getMessage() + (cap == messageLeft ? " (" + messageLimit() + ")"
                            : cap == budget ? " (the archive's decompressed size limit is " + limits.maxDecompressedBytes() + " bytes)" : ""));
                }
                budget -= content.length;
                job.inflated += content.length;
                String entryPath = path + "/" + entryName;
                try {
                    attachment(entryName, guessType(entryName), null, content, entryPath, label + " entry '" + entryName + "'", depth + 1, job);
                } catch (PartRejected e) {
                    job.reject(label + " entry '" + entryName + "'", e.getMessage(), "");
                }
            }
        } catch (IOException e) {
            throw new PartRejected("not a readable zip archive: " + e.getMessage());
        }
        if (entries == 0) {
            throw new PartRejected("zip archive without entries (not a zip archive?)");
        }
    }

    private String messageLimit() {
        return "the message's archives may inflate to " + limits.maxMessageDecompressedBytes()
                + " bytes in all (ctiflow.mail.max-message-decompressed-bytes)";
    }

    private static String guessType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "text/csv";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".log")) {
            return "text/plain";
        }
        if (lower.endsWith(".htm") || lower.endsWith(".html")) {
            return "text/html";
        }
        return lower.endsWith(".eml") ? "message/rfc822" : "application/octet-stream";
    }

    private void csv(String name, String charset, byte[] bytes, String label, Job job) throws PartRejected {
        CsvRule rule = csvRules.stream().filter(r -> r.pattern().matcher(name).matches()).findFirst().orElse(null);
        if (rule == null) {
            job.text(decode(bytes, charset)); // no mapping for this report: its values are still indicators
            return;
        }
        decode(bytes, charset); // the mapping reads UTF-8: a CSV in another encoding is set aside whole
        try (FeedConverter converter = new FeedConverter(new ByteArrayInputStream(bytes), name, rule.mapping(), mappings.toStix(), Integer.MAX_VALUE)) {
            while (converter.hasNext()) {
                Batch batch = converter.next();
                batch.objects().forEach(job::add);
                for (Reject r : batch.rejects()) {
                    job.rejects.add(new Reject(r.source(), job.origin, r.line(), label + " (mapping " + rule.mapping().name() + "): " + r.reason(), r.record()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PartRejected("CSV attachment unreadable with mapping " + rule.mapping().name() + ": " + e.getMessage());
        }
    }

    private void json(String name, byte[] bytes, String label, Job job) throws PartRejected {
        JsonNode doc;
        try {
            doc = Stix.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new PartRejected("not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (doc == null || !(doc.isObject() || doc.isArray())) {
            throw new PartRejected("JSON attachment is neither a STIX bundle nor a MISP event");
        }
        JsonNode first = doc.isArray() && doc.size() > 0 ? doc.get(0) : doc;
        if ("bundle".equals(doc.path("type").asText()) || first.has("spec_version") && first.has("id")) {
            try {
                for (StixObject o : StixBundleReader.read(new ByteArrayInputStream(bytes), name)) {
                    job.add(o);
                }
            } catch (IOException e) {
                throw new PartRejected("unreadable STIX: " + e.getMessage());
            }
        } else if (first.has("Event") || first.has("response") || first.has("Attribute") || first.has("Object")) {
            for (MispConversion c : misp.convertDocument(doc)) {
                c.objects().forEach(job::add);
                for (Reject r : c.rejects()) {
                    job.rejects.add(new Reject(r.source(), job.origin, r.line(), label + " (MISP " + r.origin() + "): " + r.reason(), r.record()));
                }
            }
        } else {
            throw new PartRejected("JSON attachment is neither a STIX bundle nor a MISP event");
        }
    }

    /** At most {@code limit} bytes; more is a reject, detected while reading (the declared size may lie). */
    private static byte[] read(InputStream in, long limit, String what) throws PartRejected {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            if (bytes.length > limit) {
                throw new PartRejected(what + " larger than the limit of " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new PartRejected("unreadable " + what + ": " + e.getMessage());
        }
    }

    /** Text in its declared charset; UTF-8 (also for none or US-ASCII) must be valid, else the part is set aside. */
    private static String decode(byte[] bytes, String charset) throws PartRejected {
        Charset cs;
        if (charset == null || charset.isBlank() || charset.equalsIgnoreCase("us-ascii") || charset.equalsIgnoreCase("ascii")) {
            cs = StandardCharsets.UTF_8;
        } else {
            try {
                cs = Charset.forName(MimeUtility.javaCharset(charset.trim()));
            } catch (RuntimeException e) {
                throw new PartRejected("unknown charset '" + charset + "'");
            }
        }
        if (!cs.equals(StandardCharsets.UTF_8)) {
            return new String(bytes, cs);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PartRejected("text is not valid UTF-8" + (charset == null ? " (no charset declared)" : " (declared " + charset + ")"));
        }
    }

    // ---- one mail's state ----

    private final class Job implements StixSink {
        final String mailbox;
        final Instant ingested;
        String messageId;
        String origin;
        String subject;
        Instant date;
        String fromAddress;
        String fromName;
        String senderDomain;
        int iocs;
        int allowListed;
        /** Bytes all archives of the message inflated to so far (the nested zip-bomb guard). */
        long inflated;
        /** The message as a whole could not be read: no report, only the dead letter. */
        boolean unreadable;
        final Set<String> recipients = new HashSet<>();
        final Map<String, IocKind> values = new LinkedHashMap<>();
        final Map<String, StixObject> shared = new LinkedHashMap<>();
        final Map<String, StixObject> objects = new LinkedHashMap<>();
        final List<Reject> rejects = new ArrayList<>();

        Job(String mailbox, Instant ingested) {
            this.mailbox = mailbox;
            this.ingested = ingested;
        }

        void text(String text) {
            extractor.extract(text, (kind, value) -> {
                iocs++;
                if (allowlist.allows(kind, value, senderDomain) || kind == IocKind.EMAIL && recipients.contains(value)) {
                    allowListed++;
                } else {
                    values.putIfAbsent(value, kind);
                }
            });
        }

        void add(StixObject o) {
            if (SHARED_TYPES.contains(o.type())) {
                shared(o);
            } else {
                object(o);
            }
        }

        @Override
        public void object(StixObject o) {
            objects.merge(o.id(), o, (a, b) -> String.valueOf(b.modified()).compareTo(String.valueOf(a.modified())) > 0 ? b : a);
        }

        @Override
        public void shared(StixObject o) {
            shared.putIfAbsent(o.id(), o);
        }

        void reject(String part, String reason, String record) {
            unreadable |= part.equals("body") || part.equals("message");
            rejects.add(new Reject(source, origin, 0, part + ": " + reason, record));
        }

        MailConversion finish(byte[] raw) {
            String org = senderDomain != null ? senderDomain : "unknown-sender";
            String reporter = "mail:" + org;
            StixObject sender = StixObject.of(CtiflowExtension.identity(StixIds.namedObjectId("identity", "source:" + reporter), org,
                    "organization", CtiflowExtension.IDENTITY_ID));
            Instant when = date != null ? date : ingested;
            for (Map.Entry<String, IocKind> v : values.entrySet()) {
                TaxonomyRecord r = new TaxonomyRecord();
                r.source = source;
                r.sourceRecordId = messageId;
                r.kind = v.getValue();
                r.value = v.getKey();
                r.tlp = tlp;
                r.firstSeen = when;
                r.description = "Reported in an e-mail from " + org;
                mappings.toStix().toStix(r, reporter, org, ingested, this);
            }
            List<StixObject> out = new ArrayList<>();
            if (messageId != null && !unreadable) {
                shared(StixObject.of(tlp.markingDefinition()));
                shared(ctiflowIdentity);
                shared(extensionDefinition);
                shared(sender);
                StixObject report = report(sender.id(), when);
                out.addAll(shared.values());
                out.addAll(objects.values());
                out.add(report);
            }
            return new MailConversion(messageId, new Batch(source, bundleStem(), 1, 1, out, List.copyOf(rejects)), iocs, allowListed);
        }

        private StixObject report(String senderId, Instant when) {
            String time = StixTime.format(when);
            ObjectNode r = Stix.mapper().createObjectNode();
            r.put("type", "report");
            r.put("spec_version", "2.1");
            r.put("id", StixIds.namedObjectId("report", "mail:" + messageId));
            r.put("created_by_ref", senderId);
            r.put("created", time);
            r.put("modified", time);
            r.put("name", subject != null && !subject.isBlank() ? subject.trim() : "(no subject)");
            StringBuilder d = new StringBuilder("E-mail");
            if (fromAddress != null) {
                d.append(" from ").append(fromName != null ? fromName + " <" + fromAddress + ">" : fromAddress);
            }
            d.append(", Message-ID ").append(messageId).append(", mailbox ").append(mailbox);
            if (date == null) {
                d.append(" (no Date header: published is when ctiflow read it)");
            }
            r.put("description", d.toString());
            r.putArray("report_types").add("threat-report");
            r.put("published", time);
            ArrayNode refs = r.putArray("object_refs");
            Set<String> ids = new LinkedHashSet<>(objects.keySet());
            if (ids.isEmpty()) {
                ids.add(senderId); // a report must reference something: a mail without indicators still records who sent it
            }
            ids.forEach(refs::add);
            r.putArray("object_marking_refs").add(tlp.markingId());
            ObjectNode ext = r.putObject("extensions").putObject(CtiflowExtension.ID);
            ext.put("extension_type", "property-extension");
            ext.put("source", source);
            ext.put("source_record", messageId);
            if (fromAddress != null) {
                // the sender's address (and name) in the description: the jurisdiction filter redacts or withholds per destination
                ArrayNode pd = ext.putArray("personal_data").add("email-address");
                if (fromName != null) {
                    pd.add("name");
                }
            }
            return StixObject.of(r);
        }

        /** The bundle file's stem: the message-id without the characters Batch.bundleName would cut at. */
        private String bundleStem() {
            String id = messageId != null ? messageId : digestId(new byte[0]);
            String stem = id.replaceAll("^<|>$", "").replaceAll("[^A-Za-z0-9_-]", "_");
            return stem.length() > 80 ? stem.substring(0, 80) : stem;
        }
    }
}
