package io.ctiflow.mail;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * The text of an HTML part for indicator extraction: tags become spaces, scripts and styles are
 * dropped, entities are decoded, and link targets (href, src) are kept beside the text, since a
 * phishing link's target is the indicator while its visible text is often a harmless-looking URL.
 */
final class HtmlText {

    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:href|src|action)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");

    private HtmlText() {
    }

    static String text(String html) {
        StringBuilder links = new StringBuilder();
        Matcher l = LINK.matcher(html);
        while (l.find()) {
            String target = l.group(1) != null ? l.group(1) : l.group(2) != null ? l.group(2) : l.group(3);
            links.append(' ').append(target);
        }
        String text = TAG.matcher(DROPPED.matcher(html).replaceAll(" ")).replaceAll(" ");
        return entities(text + "\n" + links);
    }

    static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e.toLowerCase(Locale.ROOT)) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    if (e.startsWith("#")) {
                        try {
                            int cp = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                            yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
                        } catch (NumberFormatException ex) {
                            yield " ";
                        }
                    }
                    yield m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
