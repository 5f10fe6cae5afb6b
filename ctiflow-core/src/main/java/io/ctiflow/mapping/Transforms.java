package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The named value transforms a mapping file may use. The file holds only names and arguments;
 * everything that can be checked is checked here, at load time, with the file and key in the error.
 */
final class Transforms {

    private Transforms() {
    }

    /** Compiles one entry of a rule's {@code transforms} list. */
    static Transform compile(JsonNode spec, String file, String key, Map<String, Map<String, String>> lookups) {
        if (spec.isTextual()) {
            return simple(spec.asText(), file, key);
        }
        var entry = spec.fields().next();
        String name = entry.getKey();
        JsonNode arg = entry.getValue();
        String at = key + "." + name;
        return switch (name) {
            case "split" -> split(arg.asText());
            case "regex" -> regex(arg, file, at);
            case "replace" -> replace(arg, file, at);
            case "date" -> DateTransform.compile(arg, file, at);
            case "lookup" -> lookup(arg, file, at, lookups);
            case "scale" -> scale(arg.get(0).decimalValue(), arg.get(1).decimalValue(), file, at);
            case "default" -> defaultValue(arg.asText());
            default -> throw new MappingException(file, key, "unknown transform '" + name + "'");
        };
    }

    private static Transform simple(String name, String file, String key) {
        return switch (name) {
            case "trim" -> String::trim;
            case "lowercase" -> v -> v.toLowerCase(Locale.ROOT);
            case "uppercase" -> v -> v.toUpperCase(Locale.ROOT);
            case "refang" -> Refang::refang;
            case "empty_to_null" -> v -> v.isBlank() ? null : v;
            case "strip_brackets" -> v -> v.length() >= 2 && "[<(\"'".indexOf(v.charAt(0)) >= 0 && "]>)\"'".indexOf(v.charAt(v.length() - 1)) >= 0
                    ? v.substring(1, v.length() - 1) : v;
            default -> throw new MappingException(file, key, "unknown transform '" + name + "'");
        };
    }

    private static Transform split(String separator) {
        return new Transform() {
            @Override
            public String apply(String value) {
                return value;
            }

            @Override
            public boolean multiplies() {
                return true;
            }

            @Override
            public void applyTo(String value, List<String> out) {
                int from = 0;
                while (true) {
                    int at = value.indexOf(separator, from);
                    String part = (at < 0 ? value.substring(from) : value.substring(from, at)).trim();
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                    if (at < 0) {
                        return;
                    }
                    from = at + separator.length();
                }
            }
        };
    }

    private static Pattern pattern(String regex, String file, String key) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new MappingException(file, key, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static Transform regex(JsonNode arg, String file, String key) {
        Pattern p = pattern(arg.isTextual() ? arg.asText() : arg.path("pattern").asText(), file, key);
        int groups = p.matcher("").groupCount();
        int group = arg.has("group") ? arg.get("group").asInt() : (groups > 0 ? 1 : 0);
        if (group > groups) {
            throw new MappingException(file, key, "group " + group + " does not exist; the pattern has " + groups);
        }
        String onMismatch = arg.path("on_mismatch").asText("reject");
        return value -> {
            Matcher m = p.matcher(value);
            if (m.find()) {
                return m.group(group);
            }
            return switch (onMismatch) {
                case "skip" -> null;
                case "keep" -> value;
                default -> throw new RecordRejected("value '" + IocKind.abbreviate(value) + "' does not match " + p.pattern());
            };
        };
    }

    private static Transform replace(JsonNode arg, String file, String key) {
        Pattern p = pattern(arg.path("pattern").asText(), file, key);
        String with = arg.path("with").asText();
        return value -> p.matcher(value).replaceAll(with);
    }

    private static Transform lookup(JsonNode arg, String file, String key, Map<String, Map<String, String>> lookups) {
        String tableName = arg.isTextual() ? arg.asText() : arg.path("table").asText();
        Map<String, String> table = lookups.get(tableName);
        if (table == null) {
            throw new MappingException(file, key, "no lookup table '" + tableName + "' in lookups");
        }
        String fallback = arg.path("default").asText(null);
        String onMissing = arg.path("on_missing").asText(fallback != null ? "default" : "reject");
        if ("default".equals(onMissing) && fallback == null) {
            throw new MappingException(file, key, "on_missing: default needs a 'default' value");
        }
        return value -> {
            String mapped = table.get(value);
            if (mapped != null) {
                return mapped;
            }
            return switch (onMissing) {
                case "keep" -> value;
                case "skip" -> null;
                case "default" -> fallback;
                default -> throw new RecordRejected("value '" + IocKind.abbreviate(value) + "' is not in lookup '" + tableName + "'");
            };
        };
    }

    private static Transform scale(BigDecimal min, BigDecimal max, String file, String key) {
        if (max.compareTo(min) <= 0) {
            throw new MappingException(file, key, "scale needs [min, max] with max > min");
        }
        BigDecimal range = max.subtract(min);
        return value -> {
            BigDecimal v;
            try {
                v = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new RecordRejected("'" + IocKind.abbreviate(value) + "' is not a number");
            }
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw new RecordRejected("value " + value + " is outside the scale [" + min + ", " + max + "]");
            }
            return v.subtract(min).multiply(BigDecimal.valueOf(100)).divide(range, 0, RoundingMode.HALF_UP).toPlainString();
        };
    }

    private static Transform defaultValue(String value) {
        return new Transform() {
            @Override
            public String apply(String v) {
                return v.isEmpty() ? value : v;
            }

            @Override
            public String whenEmpty() {
                return value;
            }
        };
    }

    /** Date parsing with explicit formats and zone; the output is an ISO-8601 instant. */
    static final class DateTransform implements Transform {
        private final List<DateTimeFormatter> formats;
        private final List<FixedWidthDateParser> fast;
        private final List<String> names;

        private DateTransform(List<DateTimeFormatter> formats, List<String> names, ZoneId zone) {
            this.formats = formats;
            this.names = names;
            this.fast = new ArrayList<>();
            for (String name : names) {
                fast.add(FixedWidthDateParser.compile(name, zone));
            }
        }

        static DateTransform compile(JsonNode arg, String file, String key) {
            ZoneId zone;
            try {
                zone = ZoneId.of(arg.path("zone").asText("UTC"));
            } catch (DateTimeException e) {
                throw new MappingException(file, key + ".zone", "unknown time zone '" + arg.path("zone").asText() + "'");
            }
            List<String> names = new ArrayList<>();
            if (arg.has("format")) {
                names.add(arg.get("format").asText());
            }
            arg.path("formats").forEach(f -> names.add(f.asText()));
            if (names.isEmpty()) {
                throw new MappingException(file, key, "date needs 'format' or 'formats'");
            }
            List<DateTimeFormatter> formats = new ArrayList<>();
            for (String name : names) {
                formats.add(formatter(name, zone, file, key));
            }
            return new DateTransform(formats, names, zone);
        }

        private static DateTimeFormatter formatter(String name, ZoneId zone, String file, String key) {
            switch (name) {
                case "epoch_seconds", "epoch_millis":
                    return null;
                case "iso":
                    return DateTimeFormatter.ISO_DATE_TIME.withZone(zone);
                default:
                    try {
                        return new DateTimeFormatterBuilder().appendPattern(name)
                                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                                .toFormatter(Locale.ROOT).withZone(zone);
                    } catch (IllegalArgumentException e) {
                        throw new MappingException(file, key + ".format", "invalid date format '" + name + "': " + e.getMessage());
                    }
            }
        }

        @Override
        public String apply(String value) throws RecordRejected {
            return parse(value).toString();
        }

        Instant parse(String value) throws RecordRejected {
            String v = value.trim();
            for (int i = 0; i < formats.size(); i++) {
                FixedWidthDateParser quick = fast.get(i);
                if (quick != null) {
                    Instant instant = quick.parse(v);
                    if (instant != null) {
                        return instant;
                    }
                    continue;
                }
                try {
                    DateTimeFormatter f = formats.get(i);
                    if (f == null) {
                        long n = Long.parseLong(v);
                        return "epoch_seconds".equals(names.get(i)) ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
                    }
                    return Instant.from(f.parse(v));
                } catch (DateTimeException | NumberFormatException e) {
                    // try the next format
                }
            }
            throw new RecordRejected("unparseable date '" + IocKind.abbreviate(v) + "' (expected " + String.join(" or ", names) + ")");
        }
    }
}
