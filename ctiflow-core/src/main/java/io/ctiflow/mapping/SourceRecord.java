package io.ctiflow.mapping;

/** One record of a feed as read (a CSV row or a JSON object), with where it came from. */
public interface SourceRecord {

    /** the source location: the file name or URL the record was read from */
    String origin();

    /** 1-based line (CSV) or record number (JSON) in the origin */
    long line();

    /** the record as read, for dead letters */
    String raw();
}
