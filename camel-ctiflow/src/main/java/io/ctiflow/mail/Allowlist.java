package io.ctiflow.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.IocKind;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.SchemaCheckedYaml;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values a mail carries that are not threats (mappings/mail/allowlists.yaml): listed domains and
 * their subdomains (with the URLs and addresses on them), IP ranges, and the sender's own domain.
 */
public final class Allowlist {

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
        }
    }

    private final Set<String> domains = new HashSet<>();
    private final List<Range> ranges = new ArrayList<>();
    private final Set<String> notDomainEndings = new HashSet<>();
    private final boolean senderDomains;

    public Allowlist(Path file) {
        JsonNode doc = new SchemaCheckedYaml(schema(file, "mail-allowlists.schema.json")).read(file);
        this.senderDomains = doc.path("sender_domains").asBoolean(true);
        doc.path("lists").fields().forEachRemaining(list -> {
            list.getValue().path("domains").forEach(d -> domains.add(d.asText().toLowerCase(Locale.ROOT)));
            list.getValue().path("ip_ranges").forEach(r -> ranges.add(range(r.asText(), file, "lists." + list.getKey() + ".ip_ranges")));
        });
        doc.path("not_domain_endings").forEach(e -> notDomainEndings.add(e.asText().toLowerCase(Locale.ROOT)));
    }

    /** mappings/schema/<name> beside mappings/mail/<file>. */
    static Path schema(Path mailFile, String name) {
        return mailFile.toAbsolutePath().getParent().resolveSibling("schema").resolve(name);
    }

    private static Range range(String cidr, Path file, String key) {
        int slash = cidr.indexOf('/');
        IocKind kind = IocKind.detect(cidr);
        if (slash < 0 || (kind != IocKind.CIDR && kind != IocKind.CIDR6)) {
            throw new MappingException(file.toString(), key, "not an IP range: '" + cidr + "'");
        }
        return new Range(bytes(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** A literal IP's bytes (never a DNS lookup: callers pass validated literals only). */
    private static byte[] bytes(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }

    /** Whether the word is a file name (report.txt) rather than a domain. */
    public boolean notADomain(String domain) {
        return notDomainEndings.contains(domain.substring(domain.lastIndexOf('.') + 1));
    }

    /** Whether an indicator of this kind and (normal) value is allow-listed, given the sender's own domain (may be null). */
    public boolean allows(IocKind kind, String value, String senderDomain) {
        return switch (kind) {
            case DOMAIN -> domain(value, senderDomain);
            case EMAIL -> domain(value.substring(value.lastIndexOf('@') + 1), senderDomain);
            case IPV4, IPV6 -> ip(value);
            case URL -> {
                String host = urlHost(value);
                yield host != null && (domain(host, senderDomain) || (isIpLiteral(host) && ip(host)));
            }
            default -> false;
        };
    }

    private boolean domain(String host, String senderDomain) {
        String h = host.toLowerCase(Locale.ROOT);
        if (senderDomains && senderDomain != null && (h.equals(senderDomain) || h.endsWith("." + senderDomain))) {
            return true;
        }
        for (String d = h; ; ) {
            if (domains.contains(d)) {
                return true;
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return false;
            }
            d = d.substring(dot + 1);
        }
    }

    private boolean ip(String ip) {
        byte[] address = bytes(ip);
        for (Range r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String host) {
        IocKind k = IocKind.detect(host);
        return k == IocKind.IPV4 || k == IocKind.IPV6;
    }

    /** The host of a URL (without user info, port or IPv6 brackets), or null. */
    static String urlHost(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(1, close) : null;
        }
        int colon = authority.indexOf(':');
        return (colon >= 0 ? authority.substring(0, colon) : authority).toLowerCase(Locale.ROOT);
    }
}
